/// How many tokens a request took, as the server reported them.
public struct TokenUsage: Sendable, Equatable {
    /// The whole prompt, including what the server had cached.
    public var promptTokens: Int
    /// The part of the prompt the server did not have to read again (its prompt cache).
    public var cachedPromptTokens: Int
    public var completionTokens: Int

    public init(promptTokens: Int, cachedPromptTokens: Int = 0, completionTokens: Int) {
        self.promptTokens = promptTokens
        self.cachedPromptTokens = cachedPromptTokens
        self.completionTokens = completionTokens
    }
}

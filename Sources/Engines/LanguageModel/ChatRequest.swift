/// What to ask a chat model: the conversation so far and how to answer.
public struct ChatRequest: Sendable, Equatable {
    public var messages: [ChatMessage]
    /// `nil` for the client's default model.
    public var model: String?
    public var temperature: Double?
    public var maxTokens: Int?
    public var tools: [ToolDefinition]

    public init(messages: [ChatMessage], model: String? = nil, temperature: Double? = nil, maxTokens: Int? = nil, tools: [ToolDefinition] = []) {
        self.messages = messages
        self.model = model
        self.temperature = temperature
        self.maxTokens = maxTokens
        self.tools = tools
    }
}

/// A piece of a streamed reply.
public enum ChatDelta: Sendable, Equatable {
    /// More of the reply's text.
    case text(String)
    /// More of tool call `index`: its id and name arrive first, its arguments in fragments.
    case toolCall(index: Int, id: String?, name: String?, argumentsFragment: String)
}

/// A whole reply: its text, the tool calls it made, and why it stopped.
public struct ChatReply: Sendable, Equatable {
    public var text: String
    public var toolCalls: [ToolCall]
    /// `stop`, `length`, `tool_calls`…, as the server said; `nil` if it did not say.
    public var finishReason: String?
    /// The tokens it took; `nil` if the server did not say.
    public var usage: TokenUsage?

    public init(text: String = "", toolCalls: [ToolCall] = [], finishReason: String? = nil, usage: TokenUsage? = nil) {
        self.text = text
        self.toolCalls = toolCalls
        self.finishReason = finishReason
        self.usage = usage
    }
}

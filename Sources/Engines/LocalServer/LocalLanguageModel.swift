/// The local language model: a supervised `llama-server` spoken to over its OpenAI-compatible API.
public struct LocalLanguageModel: LanguageModel {
    public let supervisor: LlamaServerSupervisor
    let model: String

    /// `model` is the name sent in requests (llama-server serves whatever it loaded).
    public init(supervisor: LlamaServerSupervisor, model: String) {
        self.supervisor = supervisor
        self.model = model
    }

    public func generate(_ request: ChatRequest, onDelta: (ChatDelta) async throws -> Void) async throws -> ChatReply {
        let client = OpenAIChatClient(configuration: .init(baseURL: try await supervisor.baseURL(), model: model))
        return try await client.generate(request, onDelta: onDelta)
    }

    /// Has llama-server read `messages` and the start of a user's turn into one of its slots: a
    /// request that continues them then reads only what is new (its prompt cache keeps the
    /// longest common start), and the slot chosen for it is this one (the most similar prompt).
    /// The server generates one token, which the next request overwrites.
    ///
    /// Tried once, and given up after `prefillTimeout`: a reply may be waiting for it.
    public func prefill(_ messages: [ChatMessage]) async throws {
        var configuration = OpenAIChatClient.Configuration(baseURL: try await supervisor.baseURL(), model: model)
        configuration.maxAttempts = 1
        configuration.responseTimeout = Self.prefillTimeout
        _ = try await OpenAIChatClient(configuration: configuration).generate(ChatRequest(messages: messages + [.user("")], maxTokens: 1)) { _ in }
    }

    /// How long a prefill may take to be answered.
    public static let prefillTimeout = Duration.seconds(1)
}

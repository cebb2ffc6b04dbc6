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
        try await client().generate(request, onDelta: onDelta)
    }

    /// Has llama-server read `messages` and the start of a user's turn into one of its slots: a
    /// request that continues them then reads only what is new (its prompt cache keeps the
    /// longest common start), and the slot chosen for it is this one (the most similar prompt).
    /// The server generates one token, which the next request overwrites.
    ///
    /// Tried once, and given up after `prefillTimeout`: a reply may be waiting for it.
    public func prefill(_ messages: [ChatMessage]) async throws {
        let client = try await client {
            $0.maxAttempts = 1
            $0.responseTimeout = Self.prefillTimeout
        }
        _ = try await client.generate(ChatRequest(messages: messages + [.user("")], maxTokens: 1)) { _ in }
    }

    /// A client of the running server (started first if need be), configured by `adjust`.
    private func client(_ adjust: (inout OpenAIChatClient.Configuration) -> Void = { _ in }) async throws -> OpenAIChatClient {
        var configuration = OpenAIChatClient.Configuration(baseURL: try await supervisor.baseURL(), model: model)
        adjust(&configuration)
        return OpenAIChatClient(configuration: configuration)
    }

    /// How long a prefill may take to be answered.
    public static let prefillTimeout = Duration.seconds(1)
}

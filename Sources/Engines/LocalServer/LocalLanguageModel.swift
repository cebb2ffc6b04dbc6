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
}

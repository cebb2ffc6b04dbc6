/// A chat model that streams its reply.
///
/// `onDelta` is awaited before the next piece is read, so a slow consumer slows the producer
/// (back-pressure); cancelling the calling task stops generation.
public protocol LanguageModel: Sendable {
    /// Generates the reply to `request`, handing each piece to `onDelta` as it arrives, and answers
    /// the whole reply once the model has finished.
    func generate(_ request: ChatRequest, onDelta: (ChatDelta) async throws -> Void) async throws -> ChatReply

    /// Has the model read `messages` ahead of time, so that a request that continues them with
    /// a user's turn answers sooner.
    func prefill(_ messages: [ChatMessage]) async throws
}

extension LanguageModel {
    /// Does nothing: only a local model can read a prompt into its cache ahead of the request.
    public func prefill(_ messages: [ChatMessage]) async throws {}
}

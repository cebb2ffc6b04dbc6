/// The agent's speech in progress: a reply, the welcome, or one of the call's own lines.
struct AgentSpeech: Sendable {
    enum Kind: Sendable, Equatable {
        case welcome, reply, silencePrompt, goodbye
    }

    let id: Int
    let kind: Kind
    let cancellation = SpeechCancellation()
    /// The pieces queued for the caller so far, with when each plays.
    var pieces: [SpokenPiece] = []
    /// The call's number for the first of ``pieces`` (see ``CallInput/played(piece:)``).
    var firstPieceNumber = 0
    /// Whether every piece has been queued (the reply is complete).
    var complete = false
    /// For a reply: the stages of the turn it answers.
    var timeline: TurnTimeline?
    /// For a reply: what the caller said, recorded once the reply is heard.
    var answering: String?

    var text: String { pieces.map(\.text).joined(separator: " ") }
}

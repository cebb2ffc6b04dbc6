/// One piece of the agent's speech as it reaches the caller: its text, and when it plays on the
/// call's clock.
public struct SpokenPiece: Sendable, Equatable {
    public var text: String
    public var startsAt: Duration
    public var duration: Duration

    public init(text: String, startsAt: Duration, duration: Duration) {
        self.text = text
        self.startsAt = startsAt
        self.duration = duration
    }

    /// What the caller heard of `pieces` by `now`: whole pieces that finished playing, and the
    /// words of the playing one in proportion to how much of it played.
    public static func heard(_ pieces: [SpokenPiece], by now: Duration) -> String {
        var heard: [Substring] = []
        for piece in pieces where now > piece.startsAt {
            let words = piece.text.split(whereSeparator: \.isWhitespace)
            let played = piece.duration > .zero ? min(1, (now - piece.startsAt) / piece.duration) : 1
            heard += words.prefix(Int((Double(words.count) * played).rounded(.down)))
        }
        return heard.joined(separator: " ")
    }
}

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

    /// `pieces` once the caller's side reports that the one at `index` finished playing at `now`
    /// (a Twilio mark; a negative `index` for a piece of earlier speech): the later ones play no
    /// sooner than that, each after the one before. A caller's side that plays later than it was
    /// sent (its own buffer, the network) is then heard as it played, not as it was sent.
    public static func rescheduled(_ pieces: [SpokenPiece], playedThrough index: Int, at now: Duration) -> [SpokenPiece] {
        guard index < pieces.count else { return pieces }
        var pieces = pieces
        var next = index >= 0 ? max(now, pieces[index].startsAt + pieces[index].duration) : now
        for later in pieces.indices where later > index {
            pieces[later].startsAt = max(pieces[later].startsAt, next)
            next = pieces[later].startsAt + pieces[later].duration
        }
        return pieces
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

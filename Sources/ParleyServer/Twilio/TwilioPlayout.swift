/// What a Media Streams call sends Twilio and when, as a pure state machine: the agent's speech
/// in 20 ms frames on the playback clock, a mark after each piece's last frame, a `clear` on
/// barge-in.
///
/// Twilio plays what it receives in order and buffers the rest. Speech goes out at the pace it
/// plays, kept `lead` frames ahead (a margin for the network's jitter), so a barge-in's `clear`
/// has little to drop and a stall in the call never turns into a burst. Time comes in as an
/// argument; ``TwilioStreamOutput`` owns the clock and the socket.
struct TwilioPlayout: Sendable {
    /// What to write now, in order.
    enum Message: Equatable, Sendable {
        case media([UInt8])
        case mark(String)
        case clear
    }

    /// When to ask again.
    enum Wake: Equatable, Sendable {
        case at(ContinuousClock.Instant)
        /// Nothing is queued: when more speech is, or a barge-in.
        case whenQueued
        /// The call has ended and everything it said has been sent.
        case never
    }

    private enum Item: Sendable {
        case frame([UInt8])
        case mark(String)
    }

    static let frameDuration = Duration.milliseconds(20)
    /// How far ahead of Twilio's playback speech is sent.
    let lead: Duration

    private var items: [Item] = []
    private var head = 0
    private var clearPending = false
    private var finishing = false
    /// When Twilio finishes playing what has been sent; `nil` before the first frame.
    private var playedUntil: ContinuousClock.Instant?

    init(leadFrames: Int = 5) {
        lead = Self.frameDuration * leadFrames
    }

    /// Queues one piece of speech, already cut in frames, and the mark that follows it.
    mutating func queue(_ frames: [[UInt8]], mark: String) {
        if head == items.count {
            items.removeAll(keepingCapacity: true)
            head = 0
        }
        items += frames.map(Item.frame)
        items.append(.mark(mark))
    }

    /// Drops what is queued; the next ``next(at:)`` tells Twilio to drop what it holds.
    mutating func clear() {
        items.removeAll(keepingCapacity: true)
        head = 0
        clearPending = true
    }

    /// The call has ended: what is queued is still sent, then nothing more.
    mutating func finish() {
        finishing = true
    }

    /// The messages due at `now`, and when more will be.
    mutating func next(at now: ContinuousClock.Instant) -> (messages: [Message], wake: Wake) {
        var messages: [Message] = []
        if clearPending {
            clearPending = false
            messages.append(.clear)
            playedUntil = nil
        }
        // Idle since the last frame played out: the clock starts again from now.
        if let played = playedUntil, played < now { playedUntil = nil }
        while head < items.count {
            switch items[head] {
            case .mark(let name):
                messages.append(.mark(name))
            case .frame(let bytes):
                let played = playedUntil ?? now
                // Due when, once sent, Twilio holds no more than `lead` unplayed.
                let due = played + Self.frameDuration - lead
                guard due <= now else { return (messages, .at(due)) }
                messages.append(.media(bytes))
                playedUntil = played + Self.frameDuration
            }
            head += 1
        }
        return (messages, finishing ? .never : .whenQueued)
    }
}

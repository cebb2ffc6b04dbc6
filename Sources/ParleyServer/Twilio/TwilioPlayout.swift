/// What a Media Streams call sends Twilio and when, as a pure state machine: the agent's speech
/// in 20 ms frames on the playback clock, a mark after each piece's last frame, a `clear` on
/// barge-in.
///
/// Twilio plays what it receives in order and buffers the rest. Speech goes out at the pace it
/// plays, kept `lead` frames ahead (a margin for the network's jitter), so a barge-in's `clear`
/// has little to drop and a stall in the call never turns into a burst. A wake-up per frame (50
/// a second per call) cost a third more CPU than the unpaced stream; a few frames per wake-up
/// keep the pace for less. Time comes in as an argument; ``TwilioStreamOutput`` owns the clock
/// and the socket.
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
    /// How long after a frame is due the caller may come back for it, so that each wake-up
    /// sends a few frames rather than one: `batchFrames` frames' worth, less one.
    let slack: Duration

    private var items: [Item] = []
    private var head = 0
    /// Whether a message is being written (one writer at a time, so a `clear` never overtakes a
    /// frame), and whether a barge-in came meanwhile.
    private var writing = false
    private var clearPending = false
    private var finishing = false
    /// When Twilio finishes playing what has been sent; `nil` before the first frame.
    private var playedUntil: ContinuousClock.Instant?

    /// Speech is sent `leadFrames` ahead of playback, in wake-ups of about `batchFrames` frames
    /// (Twilio then holds between `leadFrames - batchFrames` and `leadFrames` frames).
    init(leadFrames: Int = 6, batchFrames: Int = 3) {
        precondition(1...leadFrames ~= batchFrames)
        lead = Self.frameDuration * leadFrames
        slack = Self.frameDuration * (batchFrames - 1)
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

    /// Drops what is queued, and what Twilio holds. `true`: the caller writes `clear` now, as the
    /// socket's writer until ``doneWriting()``; `false`: a write is under way, and its writer
    /// sends the `clear` straight after it.
    mutating func clear() -> Bool {
        items.removeAll(keepingCapacity: true)
        head = 0
        playedUntil = nil
        guard !writing else {
            clearPending = true
            return false
        }
        writing = true
        return true
    }

    /// The messages from ``next(at:)`` or the `clear` from ``clear()`` are written. `true`: a
    /// barge-in came meanwhile, and the caller, still the writer, writes `clear` at once.
    mutating func doneWriting() -> Bool {
        guard clearPending else {
            writing = false
            return false
        }
        clearPending = false
        return true
    }

    /// The call has ended: what is queued is still sent, then nothing more.
    mutating func finish() {
        finishing = true
    }

    /// The messages due at `now`, and when more will be; `nil` while a `clear` is being written
    /// (its writer wakes the caller after). Messages make the caller the socket's writer until
    /// ``doneWriting()``.
    mutating func next(at now: ContinuousClock.Instant) -> (messages: [Message], wake: Wake)? {
        guard !writing else { return nil }
        var messages: [Message] = []
        defer { writing = !messages.isEmpty }
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
                guard due <= now else { return (messages, .at(due + slack)) }
                messages.append(.media(bytes))
                playedUntil = played + Self.frameDuration
            }
            head += 1
        }
        return (messages, finishing ? .never : .whenQueued)
    }
}

/// Follows one stretch of the agent's speech (the greeting, or the reply to one line) as a
/// player would hear it, to tell when it is over. Times are offsets from the start of the call.
///
/// Each piece of audio starts playing when it arrives or when the one before it ends, whichever
/// is later; the speech is over once the server has said it is complete (`audioEnd`) or stopped
/// it (`audioStop`) and everything received has played.
struct ReplyTracker: Sendable, Equatable {
    /// When the tracking began: the end of the caller's line (or the connection, for the greeting).
    let startedAt: Duration
    /// When the first audio arrived.
    private(set) var firstAudioAt: Duration?
    /// When the last audio arrived.
    private(set) var lastAudioAt: Duration?
    /// When everything received will have played.
    private(set) var playbackEnd: Duration
    /// The duration of all audio received.
    private(set) var audioDuration = Duration.zero
    /// Whether the server said the speech is complete (`audioEnd`).
    private(set) var ended = false
    /// Whether the server stopped the speech (`audioStop`).
    private(set) var stopped = false

    init(startedAt: Duration) {
        self.startedAt = startedAt
        playbackEnd = startedAt
    }

    /// From the start to the first audio: the reply's latency, once there is audio.
    var latency: Duration? { firstAudioAt.map { $0 - startedAt } }

    /// A piece of audio lasting `duration` arrived at `time`; answers the silence the player heard
    /// before it, if it came after the piece before it had finished.
    mutating func receivedAudio(lasting duration: Duration, at time: Duration) -> Duration? {
        var gap: Duration?
        if firstAudioAt == nil {
            firstAudioAt = time
        } else if time > playbackEnd, !stopped {
            gap = time - playbackEnd
        }
        lastAudioAt = time
        audioDuration += duration
        playbackEnd = max(playbackEnd, time) + duration
        return gap
    }

    /// `audioEnd` arrived.
    mutating func receivedEnd() {
        ended = true
    }

    /// `audioStop` arrived at `time`: what was not played yet is dropped.
    mutating func receivedStop(at time: Duration) {
        stopped = true
        playbackEnd = min(playbackEnd, time)
    }

    /// Whether the speech is complete and has been heard by `time`.
    func isOver(at time: Duration) -> Bool {
        (ended || stopped) && time >= playbackEnd
    }

    /// Whether nothing is left to hear at `time` and nothing more seems to be coming: no audio
    /// arrived for `quiet`, and speech that began has ended and played. For a greeting that may or
    /// may not come.
    func isSettled(at time: Duration, quiet: Duration) -> Bool {
        guard time - (lastAudioAt ?? startedAt) >= quiet, time >= playbackEnd else { return false }
        return firstAudioAt == nil || ended || stopped
    }
}

import Audio

/// Finds where speech starts and ends in a stream of audio.
public protocol VoiceActivityDetector: Sendable {
    /// The sample rate streams expect.
    var sampleRate: Int { get }
    /// A detector for one audio stream: its state belongs to that stream (one call) alone.
    func makeStream() throws -> any VoiceActivityStream
}

/// One stream's detector; fed frames in order by its one owner.
public protocol VoiceActivityStream: AnyObject {
    /// Starts or stops reporting ``VoiceActivityEvent/speechOnset(at:)``. Off at first: it runs a
    /// second detector (loaded on first use) and doubles the cost, so turn it on only while an
    /// onset matters (the agent is speaking and may be interrupted).
    func watchForOnsets(_ watching: Bool) throws
    /// Takes the next samples and answers what they revealed.
    func accept(_ samples: [Float]) -> [VoiceActivityEvent]
    /// Ends the stream: speech still going is reported as ended.
    func flush() -> [VoiceActivityEvent]
}

/// What a voice activity detector noticed; times are from the start of the stream.
public enum VoiceActivityEvent: Sendable, Equatable {
    /// Speech has gone on for the detector's onset length (64 ms by default; a call sets it to its
    /// agent's barge-in length), noticed about 60 ms after that: soon enough to stop the agent
    /// talking, maybe too soon to be sure it is not a noise (``speechStarted(at:)`` confirms it).
    case speechOnset(at: Duration)
    /// Speech is going on, first noticed at `at` (after the detector's minimum speech length).
    case speechStarted(at: Duration)
    /// The caller went quiet during speech, for the detector's pause length (about 100 ms, well
    /// before its own silence ends the utterance): the utterance so far, to transcribe early in
    /// case it is over. ``speechResumed(at:)`` follows if the caller goes on, ``speechEnded``
    /// if the detector then ends the utterance. Detectors that do not notice pauses never send it.
    case speechPaused(utterance: PCMAudio, start: Duration, end: Duration)
    /// The caller spoke again after ``speechPaused(utterance:start:end:)``: that utterance is
    /// not over.
    case speechResumed(at: Duration)
    /// An utterance ended: its audio and where it lay in the stream.
    case speechEnded(utterance: PCMAudio, start: Duration, end: Duration)
}

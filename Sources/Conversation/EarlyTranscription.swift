/// A transcription of the caller's utterance started as soon as they paused, before the VAD is
/// sure the utterance is over: taken if they say no more, dropped if they go on.
///
/// It holds its place (`number`) in the order transcripts are delivered from the start, so
/// that a dropped one must give it up (``Transcript/dropped``).
struct EarlyTranscription: Sendable {
    let number: Int
    let cancellation = SpeechCancellation()
    /// The transcript, once it is ready, and when it was.
    var result: (text: String, at: Duration)?
}

/// What became of one of a call's transcriptions, delivered in the order they were started.
enum Transcript: Sendable {
    /// What the caller said, and when the transcript was ready.
    case heard(String, at: Duration)
    /// An early transcription the caller outran by speaking on: nothing to deliver.
    case dropped
}

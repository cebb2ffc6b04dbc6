import Audio

/// An utterance the VAD has ended, waiting for the turn-taking to decide what to do with it.
enum CutUtterance: Sendable {
    /// Its audio, not yet transcribed.
    case audio(PCMAudio)
    /// It was already being transcribed since the caller paused, and they said no more.
    case early(EarlyTranscription)
}

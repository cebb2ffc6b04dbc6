import Audio

/// Turns an utterance into text.
public protocol SpeechToText: Sendable {
    /// The sample rate `transcribe` expects.
    var sampleRate: Int { get }
    /// The text of `audio`; `language` is a hint (`en`, `de`…) or `nil` to detect it.
    /// Cancelling the calling task stops the work.
    func transcribe(_ audio: PCMAudio, language: String?) async throws -> String
}

import Audio

/// espeak-ng's own formant voice: robotic, but nearly free (RTF ~0.002) and speaking the
/// ~100 languages espeak-ng knows. The light fallback when no neural voice fits.
public struct EspeakTextToSpeech: TextToSpeech {
    /// The espeak-ng voice: a language (`en-us`, `de`, `fr`, `es`…) or a voice name.
    public let voice: String
    public let sampleRate: Int
    private let queue = EngineQueue(label: "parley.espeak")

    /// Fails with ``EngineError/unknownVoice(_:)`` for a voice espeak-ng does not have.
    public init(voice: String) throws {
        self.voice = voice
        self.sampleRate = try EspeakNG.prepare(voice: voice)
    }

    public func synthesize(_ text: String, options: SpeechOptions) -> SpeechChunks {
        let wordsPerMinute = Int32((175 * options.speed).rounded())
        return SpeechChunks(pieces: SpeechSegmenter.pieces(of: text)) { [voice, queue] piece in
            try await queue.run { cancelled in
                try EspeakNG.speech(piece.text, voice: voice, wordsPerMinute: wordsPerMinute, cancelled: cancelled)
            }
        }
    }
}

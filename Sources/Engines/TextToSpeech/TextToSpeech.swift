import Audio

/// Turns text into speech, a chunk at a time.
public protocol TextToSpeech: Sendable {
    /// The sample rate of every chunk.
    var sampleRate: Int { get }
    /// `text` as speech. Each chunk is synthesised when the consumer asks for it, the first one
    /// kept short so that a call hears it soon; cancelling the consuming task stops the work.
    func synthesize(_ text: String, options: SpeechOptions) -> SpeechChunks
}

/// How to say it.
public struct SpeechOptions: Sendable, Equatable {
    /// 1 is the voice's natural pace; 2 twice as fast. Clamped to 0.5…2.
    public var speed: Double

    public init(speed: Double = 1) {
        self.speed = min(2, max(0.5, speed))
    }
}

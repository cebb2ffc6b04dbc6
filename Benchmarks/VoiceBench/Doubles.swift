import Audio
import Engines
import Foundation
import Logging
import ParleyCore
import ServiceLifecycle

// Instant engine doubles: they exist only in this benchmark, so that what it measures is the
// platform (sockets, the call actor, turn-taking, resampling, MP3 encoding, the store), not
// Whisper, llama.cpp or Piper.

/// Hands every call the instant doubles.
struct InstantEngines: AgentEngineSource {
    /// How long each synthesised piece plays.
    let pieceDuration: Duration

    func withEngines<Result>(
        for settings: AgentSettings, logger: Logger?, _ body: (AgentEngines) async throws -> Result
    ) async throws -> Result {
        let configuration = EngineConfiguration(home: "/nonexistent-parley-voice-bench")
        return try await body(AgentEngines(
            choice: EngineChoice(settings: settings, configuration: configuration, inventory: EngineInventory()),
            voiceActivity: EnergyVoiceActivity(),
            speechToText: FixedSpeechToText(),
            languageModel: CannedLanguageModel(),
            textToSpeech: SineTextToSpeech(pieceDuration: pieceDuration)
        ))
    }

    func run() async throws {
        try? await gracefulShutdown()
    }
}

/// Speech is any 20 ms frame louder than `threshold` (RMS); an utterance ends after `hangover` of
/// quiet frames, and is reported with its audio.
///
/// The load's tone (RMS 0.21) ends on a frame boundary. Phone audio reaches the VAD through the
/// 8 → 16 kHz upsampler, 1.6 ms late, so the frame after the tone starts with 26 samples of it
/// (RMS 0.06): at a threshold of 0.05 that frame counted as speech, and every SIP and Twilio turn
/// looked 20 ms slower than `/ws/voice`'s, where a real VAD, not aligned to the caller's frames,
/// loses the 1.6 ms on average.
struct EnergyVoiceActivity: VoiceActivityDetector {
    var sampleRate: Int { 16_000 }
    var threshold: Float = 0.1
    var hangover: Duration = .milliseconds(200)

    func makeStream() throws -> any VoiceActivityStream {
        EnergyVoiceActivityStream(threshold: threshold, hangoverSamples: Int(hangover / .milliseconds(1)) * 16)
    }
}

final class EnergyVoiceActivityStream: VoiceActivityStream {
    let threshold: Float
    let hangoverSamples: Int
    private var watching = false
    private var position = 0
    private var speaking = false
    private var start = 0
    private var lastLoud = 0
    private var utterance: [Float] = []

    init(threshold: Float, hangoverSamples: Int) {
        self.threshold = threshold
        self.hangoverSamples = hangoverSamples
    }

    func watchForOnsets(_ watching: Bool) throws {
        self.watching = watching
    }

    func accept(_ samples: [Float]) -> [VoiceActivityEvent] {
        guard !samples.isEmpty else { return [] }
        var sum: Float = 0
        for sample in samples { sum += sample * sample }
        let loud = (sum / Float(samples.count)).squareRoot() > threshold
        let frameStart = position
        position += samples.count
        var events: [VoiceActivityEvent] = []
        if loud {
            if !speaking {
                speaking = true
                start = frameStart
                utterance.removeAll(keepingCapacity: true)
                if watching { events.append(.speechOnset(at: time(frameStart))) }
                events.append(.speechStarted(at: time(frameStart)))
            }
            lastLoud = position
        }
        if speaking {
            utterance += samples
            if !loud, position - lastLoud >= hangoverSamples { events += end() }
        }
        return events
    }

    func flush() -> [VoiceActivityEvent] {
        speaking ? end() : []
    }

    private func end() -> [VoiceActivityEvent] {
        speaking = false
        let spoken = Array(utterance.prefix(lastLoud - start))
        utterance = []
        return [.speechEnded(utterance: PCMAudio(samples: spoken, sampleRate: 16_000), start: time(start), end: time(lastLoud))]
    }

    private func time(_ samples: Int) -> Duration { .microseconds(Int64(samples) * 1_000_000 / 16_000) }
}

/// Hears the same finished question in every utterance.
struct FixedSpeechToText: SpeechToText {
    var sampleRate: Int { 16_000 }

    func transcribe(_ audio: PCMAudio, language: String?) async throws -> String {
        "What time does the shop open tomorrow?"
    }
}

/// Answers every request with the same two sentences, a few words per delta.
struct CannedLanguageModel: LanguageModel {
    static let words = ["Sure.", " We open", " at nine", " and close", " at six."]

    func generate(_ request: ChatRequest, onDelta: (ChatDelta) async throws -> Void) async throws -> ChatReply {
        for word in Self.words { try await onDelta(.text(word)) }
        return ChatReply(text: Self.words.joined(), finishReason: "stop")
    }
}

/// Speaks every piece as `pieceDuration` of a quiet 220 Hz sine at 22.05 kHz (Piper's rate), at once.
struct SineTextToSpeech: TextToSpeech {
    var sampleRate: Int { 22_050 }
    let tone: PCMAudio

    init(pieceDuration: Duration) {
        let count = Int(pieceDuration / .milliseconds(1)) * 22_050 / 1_000
        tone = PCMAudio(
            samples: (0..<count).map { Float(0.1 * sin(2 * Double.pi * 220 * Double($0) / 22_050)) },
            sampleRate: 22_050
        )
    }

    func synthesize(_ text: String, options: SpeechOptions) -> SpeechChunks {
        let tone = tone
        return SpeechChunks(pieces: SpeechSegmenter.pieces(of: text)) { _ in tone }
    }
}

import Audio
import Engines
import TestSupport
import Testing

/// espeak-ng's formant voice, heard back by whisper.cpp.
@Suite(.enabled(if: LocalEngines.whisperAvailable, "needs the Whisper models from scripts/install-engines.sh"))
struct EspeakTextToSpeechTests {
    @Test func whisperHearsWhatEspeakSays() async throws {
        let whisper = try WhisperSpeechToText(modelPath: LocalEngines.whisperTiny)
        let (rate, heard) = try await TextToSpeechRoundTrip.wordErrorRate(of: try EspeakTextToSpeech(voice: "en-us"), whisper: whisper)
        // The robotic voice costs Whisper tiny a few words; Piper must do better (10 %).
        #expect(rate <= 0.25, "heard: \(heard)")
    }

    @Test func speaksOtherLanguages() async throws {
        let whisper = try WhisperSpeechToText(modelPath: LocalEngines.whisperBase)
        let sentence = "Guten Morgen. Wie geht es Ihnen heute?"
        let speech = try await TextToSpeechRoundTrip.speak(sentence, with: try EspeakTextToSpeech(voice: "de"))
        let heard = try await whisper.transcribe(try speech.resampled(to: 16_000), language: "de")
        #expect(WordErrorRate.between(reference: sentence, hypothesis: heard) <= 0.35, "heard: \(heard)")
    }

    @Test func unknownVoicesAreRefused() {
        #expect(throws: EngineError.unknownVoice("xx-nowhere")) { try EspeakTextToSpeech(voice: "xx-nowhere") }
    }

    @Test func speedChangesThePace() async throws {
        let voice = try EspeakTextToSpeech(voice: "en-us")
        let text = "Please call me back tomorrow morning."
        let normal = try await TextToSpeechRoundTrip.speak(text, with: voice)
        let fast = try await TextToSpeechRoundTrip.speak(text, with: voice, options: SpeechOptions(speed: 2))
        #expect(voice.sampleRate == 22_050)
        #expect(fast.duration < normal.duration * 0.7)
    }
}

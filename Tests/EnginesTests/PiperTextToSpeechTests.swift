import Audio
import Engines
import Foundation
import TestSupport
import Testing

/// Piper's en_US joe voice through sherpa-onnx, heard back by whisper.cpp.
@Suite(.enabled(if: LocalEngines.piperAvailable && LocalEngines.whisperAvailable, "needs the voice and models from scripts/install-engines.sh"))
struct PiperTextToSpeechTests {
    static let voice = Result { try PiperTextToSpeech(modelPath: LocalEngines.piperJoe) }

    @Test func whisperHearsWhatPiperSays() async throws {
        let whisper = try WhisperSpeechToText(modelPath: LocalEngines.whisperTiny)
        let (rate, heard) = try await TextToSpeechRoundTrip.wordErrorRate(of: try Self.voice.get(), whisper: whisper)
        #expect(rate <= 0.10, "heard: \(heard)")
    }

    @Test func speaksAtTheVoicesRateInPieces() async throws {
        let voice = try Self.voice.get()
        #expect(voice.sampleRate == 22_050)
        var chunks: [PCMAudio] = []
        for try await chunk in voice.synthesize("The weather today is sunny with a light westerly breeze.", options: SpeechOptions()) {
            chunks.append(chunk)
        }
        #expect(chunks.count == 2)
        #expect(chunks.allSatisfy { $0.sampleRate == 22_050 && $0.duration > .milliseconds(500) })
    }

    @Test func fasterSpeedIsShorter() async throws {
        let voice = try Self.voice.get()
        let text = "Please call me back tomorrow morning."
        let normal = try await TextToSpeechRoundTrip.speak(text, with: voice)
        let fast = try await TextToSpeechRoundTrip.speak(text, with: voice, options: SpeechOptions(speed: 2))
        let slow = try await TextToSpeechRoundTrip.speak(text, with: voice, options: SpeechOptions(speed: 0.5))
        // VITS stretches the phonemes, not the pauses, and varies a little run to run: twice the
        // speed measured 0.61–0.70 of the length, half the speed 1.45–1.6 times.
        #expect(fast.duration < normal.duration * 0.8)
        #expect(slow.duration > normal.duration * 1.3)
    }

    @Test func cancellingStopsTheRemainingPieces() async throws {
        let voice = try Self.voice.get()
        let chunks = voice.synthesize("One two three four five. Six seven eight nine ten. Eleven twelve thirteen.", options: SpeechOptions())
        #expect(chunks.pieces.count == 3)
        let task = Task {
            var iterator = chunks.makeAsyncIterator()
            _ = try await iterator.next()
            withUnsafeCurrentTask { $0?.cancel() }
            return try await iterator.next()
        }
        await #expect(throws: CancellationError.self) { try await task.value }
    }

    @Test func textWithNothingToSayGivesNoAudio() async throws {
        let speech = try await TextToSpeechRoundTrip.speak("  ", with: try Self.voice.get())
        #expect(speech.samples.isEmpty)
    }

    @Test func missingAndCorruptVoicesAreTypedErrors() throws {
        #expect(throws: EngineError.missingFile("/nonexistent/voice.onnx")) {
            try PiperTextToSpeech(modelPath: "/nonexistent/voice.onnx")
        }
        let directory = try makeTemporaryDirectory()
        let voiceDirectory = URL(fileURLWithPath: LocalEngines.piperJoe).deletingLastPathComponent()
        for file in ["tokens.txt", "en_US-joe-medium.onnx.json"] {
            try FileManager.default.copyItem(at: voiceDirectory.appendingPathComponent(file), to: URL(fileURLWithPath: directory + "/" + file))
        }
        let corrupt = directory + "/en_US-joe-medium.onnx"
        try Data("not a model".utf8).write(to: URL(fileURLWithPath: corrupt))
        #expect(throws: EngineError.unusableModel(corrupt)) {
            try PiperTextToSpeech(modelPath: corrupt)
        }
    }
}

import Audio
@testable import Engines
import Foundation
import TestSupport
import Testing

/// whisper.cpp with the tiny.en model on speech made by espeak-ng.
@Suite(.enabled(if: LocalEngines.whisperAvailable, "needs the Whisper models from scripts/install-engines.sh"))
struct WhisperSpeechToTextTests {
    static let sentences = [
        "The weather is sunny today.",
        "Please call me back tomorrow morning.",
        "My order number is twelve.",
    ]

    @Test func transcribesSpeech() async throws {
        let engine = try WhisperSpeechToText(modelPath: LocalEngines.whisperTiny)
        var heard: [String] = []
        for sentence in Self.sentences {
            heard.append(try await engine.transcribe(try WAVFile.read(try LocalEngines.espeakWAV(sentence)), language: "en"))
        }
        // espeak-ng's voice is robotic, so the bar is lower than the 10 % Piper must reach: the
        // word error rate over all three sentences.
        let rate = WordErrorRate.between(reference: Self.sentences.joined(separator: " "), hypothesis: heard.joined(separator: " "))
        #expect(rate <= 0.25, "heard: \(heard)")
    }

    @Test func hearsShortAnswersAndALongTurn() async throws {
        // The encoder's context is cut to each utterance's length: one-word answers get the
        // shortest, a long sentence more.
        let engine = try WhisperSpeechToText(modelPath: LocalEngines.whisperTiny)
        let long = "I would like to change my booking to next Friday evening, and add one more person to the table, if that is possible."
        for sentence in ["Yes.", "No thanks.", long] {
            let audio = try WAVFile.read(try LocalEngines.espeakWAV(sentence))
            let heard = try await engine.transcribe(audio, language: "en")
            let rate = WordErrorRate.between(reference: sentence, hypothesis: heard)
            #expect(rate <= 0.25, "\(audio.duration): heard \"\(heard)\"")
        }
        #expect(WhisperSpeechToText.audioContext(seconds: 0.4) == 320)
        #expect(WhisperSpeechToText.audioContext(seconds: 6) == 396)
        #expect(WhisperSpeechToText.audioContext(seconds: 12) == 0, "the whole window")
    }

    @Test func missingAndCorruptModelsAreTypedErrors() throws {
        #expect(throws: EngineError.missingFile("/nonexistent/ggml.bin")) {
            try WhisperSpeechToText(modelPath: "/nonexistent/ggml.bin")
        }
        let corrupt = try makeTemporaryDirectory() + "/corrupt.bin"
        try Data("not a model".utf8).write(to: URL(fileURLWithPath: corrupt))
        #expect(throws: EngineError.unusableModel(corrupt)) {
            try WhisperSpeechToText(modelPath: corrupt)
        }
    }

    @Test func otherSampleRatesAreRefused() async throws {
        let engine = try WhisperSpeechToText(modelPath: LocalEngines.whisperTiny)
        await #expect(throws: EngineError.wrongSampleRate(expected: 16_000, got: 8_000)) {
            try await engine.transcribe(PCMAudio(samples: [0, 0], sampleRate: 8_000), language: "en")
        }
    }

    @Test func aCancelledTranscriptionStops() async throws {
        let engine = try WhisperSpeechToText(modelPath: LocalEngines.whisperTiny)
        let audio = try WAVFile.read(try LocalEngines.espeakWAV(Self.sentences[0]))
        let task = Task { try await engine.transcribe(audio, language: "en") }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
    }
}

@Suite struct WordErrorRateTests {
    @Test func countsSubstitutionsInsertionsAndDeletions() {
        #expect(WordErrorRate.between(reference: "call me back now", hypothesis: "Call me, back now!") == 0)
        #expect(WordErrorRate.between(reference: "call me back now", hypothesis: "call you back now") == 0.25)
        #expect(WordErrorRate.between(reference: "call me back now", hypothesis: "call me now") == 0.25)
        #expect(WordErrorRate.between(reference: "call me back", hypothesis: "please call me back soon") == 2.0 / 3)
        #expect(WordErrorRate.between(reference: "table for two", hypothesis: "table for 2") == 0)
    }
}

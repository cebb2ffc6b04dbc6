import ArgumentParser
import Audio
import Engines
import Foundation

/// Silero's real-time factor, fed 20 ms frames as a call delivers them.
struct VAD: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Real-time factor of Silero VAD on 20 ms frames.")

    @Option(help: "The models directory.") var models: String
    @Option(help: "Seconds of audio to feed.") var seconds = 60
    @Flag(help: "Also watch for early speech onsets (a second detector).") var onsets = false

    func run() async throws {
        let voice = try PiperTextToSpeech(modelPath: models + "/en_US-joe-medium/en_US-joe-medium.onnx")
        let speech = try await speechSample("Good morning, I would like to book a table for two.", voice: voice)
        let pause = [Float](repeating: 0, count: 16_000)
        var audio: [Float] = []
        while audio.count < seconds * 16_000 { audio += speech.samples + pause }
        let detector = try SileroVoiceActivityDetector(configuration: .init(modelPath: models + "/silero_vad.onnx"))
        let stream = try detector.makeStream()
        try stream.watchForOnsets(onsets)
        var utterances = 0
        let start = ContinuousClock.now
        for frame in stride(from: 0, to: audio.count, by: 320) {
            for event in stream.accept(Array(audio[frame..<min(frame + 320, audio.count)])) {
                if case .speechEnded = event { utterances += 1 }
            }
        }
        let elapsed = ContinuousClock.now - start
        let duration = Double(audio.count) / 16_000
        print(String(format: "%.1f s of audio in %@: RTF %.4f (%d utterances)", duration, format(elapsed), (elapsed / .seconds(1)) / duration, utterances))
    }
}

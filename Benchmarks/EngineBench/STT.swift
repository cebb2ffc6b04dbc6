import ArgumentParser
import Audio
import Engines
import Foundation

/// Whisper's latency on a 3-second utterance, per model.
struct STT: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Latency of Whisper models on a 3-second utterance.")

    @Option(help: "The models directory.") var models: String
    @Option(help: "Whisper models to time (ggml-NAME.bin).") var model: [String] = ["tiny.en", "base"]
    @Option(help: "Utterances to time per model.") var runs = 10
    @Option(help: "Threads for Whisper.") var threads = 2

    func run() async throws {
        let voice = try PiperTextToSpeech(modelPath: models + "/en_US-joe-medium/en_US-joe-medium.onnx", threads: threads)
        let utterance = try await speechSample("Please book a table for two at seven tonight.", voice: voice, seconds: 3)
        for name in model {
            let whisper = try WhisperSpeechToText(modelPath: "\(models)/ggml-\(name).bin", threads: threads)
            var times: [Duration] = []
            var text = ""
            for run in 0...runs {
                let start = ContinuousClock.now
                text = try await whisper.transcribe(utterance, language: "en")
                if run > 0 { times.append(ContinuousClock.now - start) }
            }
            let (median, slowest) = medianAndMax(times)
            print("\(name): 3.0 s utterance in p50 \(format(median)), max \(format(slowest)); heard \"\(text)\"")
        }
    }
}

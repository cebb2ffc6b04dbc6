import ArgumentParser
import Audio
import Engines
import Foundation

/// Time to the first audio chunk and real-time factor of a voice, on a 10-word sentence or the
/// texts given (`--text "Paris is" --text "Paris is the capital of"`: how long a first piece of a
/// reply takes to synthesise, by its length).
struct TTS: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Time to first chunk and RTF of Piper or espeak-ng.")

    @Option(help: "A Piper voice (.onnx); without it, espeak-ng.") var piper: String?
    @Option(help: "The espeak-ng voice, when no Piper voice is given.") var espeak = "en-us"
    @Option(help: "Sentences to time.") var runs = 10
    @Option(help: "Threads for Piper.") var threads = 2

    @Option(help: "A text to time instead of the sentence (repeatable).") var text: [String] = []

    static let sentence = "The weather today is sunny with a light westerly breeze."

    func run() async throws {
        let engine: any TextToSpeech = if let piper { try PiperTextToSpeech(modelPath: piper, threads: threads) } else { try EspeakTextToSpeech(voice: espeak) }
        for sentence in text.isEmpty ? [Self.sentence] : text {
            try await time(sentence, on: engine)
        }
    }

    private func time(_ sentence: String, on engine: any TextToSpeech) async throws {
        var firsts: [Duration] = []
        var factors: [Double] = []
        for run in 0...runs {
            let clock = ContinuousClock()
            let begin = clock.now
            var first: Duration?
            var samples = 0
            for try await chunk in engine.synthesize(sentence, options: SpeechOptions()) {
                if first == nil { first = clock.now - begin }
                samples += chunk.samples.count
            }
            let total = clock.now - begin
            guard run > 0, let first else { continue }  // run 0 warms the engine up
            firsts.append(first)
            factors.append((total / .seconds(1)) / (Double(samples) / Double(engine.sampleRate)))
        }
        firsts.sort()
        factors.sort()
        print("\(sentence.debugDescription): runs: \(firsts.count); pieces: \(engine.synthesize(sentence, options: SpeechOptions()).pieces.map(\.text))")
        print("first chunk: p50 \(format(firsts[firsts.count / 2])), max \(format(firsts.last!))")
        print(String(format: "RTF: p50 %.3f", factors[factors.count / 2]))
    }
}

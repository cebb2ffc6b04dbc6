import ArgumentParser
import Audio
import Foundation

/// What MP3 costs a sentence: from the server's one shared encoder, whose LAME handles are kept
/// between sentences, and from an encoder made for the sentence (a LAME handle set up for it).
struct MP3: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "CPU per sentence of MP3 encoding at 24 kHz, shared and fresh encoders.")

    @Option(help: "Seconds of audio in a sentence.") var seconds = 0.3
    @Option(help: "Sentences to encode each way.") var sentences = 2_000

    func run() async throws {
        let rate = 24_000
        // A 220 Hz voice-like tone with a slow swell, what the density benchmark's TTS double says.
        let sentence = (0..<Int(seconds * Double(rate))).map { index in
            let time = Double(index) / Double(rate)
            return Float(0.4 * sin(2 * .pi * 220 * time) * (0.6 + 0.4 * sin(2 * .pi * 4 * time)))
        }
        let shared = try MP3Encoder(sampleRate: rate)
        var bytes = 0
        let sharedTime = try ContinuousClock().measure {
            for _ in 0..<sentences { bytes += try shared.encode(sentence).count }
        }
        let freshTime = try ContinuousClock().measure {
            for _ in 0..<sentences { bytes += try MP3Encoder(sampleRate: rate).encode(sentence).count }
        }
        let perSentence = { (time: Duration) in String(format: "%.3f ms", time / .milliseconds(1) / Double(sentences)) }
        print("\(sentences) sentences of \(seconds) s at 24 kHz (\(bytes / (2 * sentences)) bytes each)")
        print("shared encoder: \(perSentence(sharedTime)) a sentence")
        print("an encoder per sentence: \(perSentence(freshTime)) a sentence")
    }
}

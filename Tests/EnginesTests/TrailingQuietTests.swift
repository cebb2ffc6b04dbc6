@testable import Engines
import Foundation
import Testing

@Suite struct TrailingQuietTests {
    private func tone(seconds: Double, amplitude: Float) -> [Float] {
        (0..<Int(16_000 * seconds)).map { amplitude * Float(sin(2 * Double.pi * 200 * Double($0) / 16_000)) }
    }

    @Test func trimsAQuietTailBackToTheSpeech() {
        let speech = tone(seconds: 0.5, amplitude: 0.5)
        let length = TrailingQuiet.speechLength(of: speech + tone(seconds: 0.15, amplitude: 0.001), sampleRate: 16_000)
        #expect(abs(length - speech.count) <= 160)
    }

    @Test func looksBackNoFurtherThanAsked() {
        let speech = tone(seconds: 0.5, amplitude: 0.5)
        let length = TrailingQuiet.speechLength(of: speech + [Float](repeating: 0, count: 8_000), sampleRate: 16_000)
        #expect(length == speech.count + 8_000 - 3_200)
    }

    @Test func leavesATailOfLoudNoiseAlone() {
        let audio = tone(seconds: 0.5, amplitude: 0.5) + tone(seconds: 0.15, amplitude: 0.1)
        #expect(TrailingQuiet.speechLength(of: audio, sampleRate: 16_000) == audio.count)
    }
}

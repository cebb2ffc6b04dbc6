import Audio
import Foundation
import Testing

@Suite struct TwiceUpsamplerTests {
    private func tone(_ frequency: Double, rate: Int, count: Int) -> [Float] {
        (0..<count).map { Float(0.5 * sin(2 * .pi * frequency * Double($0) / Double(rate))) }
    }

    /// The power of `frequency` in `samples` (Goertzel), relative to a full-scale sine.
    private func level(of frequency: Double, in samples: [Float], rate: Int) -> Double {
        let coefficient = 2 * cos(2 * .pi * frequency / Double(rate))
        var (previous, beforePrevious) = (0.0, 0.0)
        for sample in samples {
            (previous, beforePrevious) = (Double(sample) + coefficient * previous - beforePrevious, previous)
        }
        let power = previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious
        return 10 * log10(max(power, 1e-20) / pow(Double(samples.count) / 2, 2))
    }

    @Test func aChunkedStreamComesOutAtOnceAndInPlace() {
        var upsampler = TwiceUpsampler()
        let input = [Float](repeating: 0, count: 800) + tone(300, rate: 8_000, count: 8_000)
        var output: [Float] = []
        for start in stride(from: 0, to: input.count, by: 160) {
            let chunk = upsampler.upsample(Array(input[start..<start + 160]))
            #expect(chunk.count == 320, "every 20 ms in gives 20 ms out")
            output += chunk
        }
        // The tone began at input 800, output 1600, and comes out 13 input samples (26 out) later.
        let onset = output.firstIndex { abs($0) > 0.05 } ?? -1
        #expect((1_600...1_650).contains(onset), "onset at \(onset)")
        let steady = Array(output[4_000..<16_000])
        #expect(level(of: 300, in: steady, rate: 16_000) > -7, "the tone keeps its level (0.5 is -6 dB)")
    }

    @Test func theImageAboveTheOldBandIsSuppressed() {
        var upsampler = TwiceUpsampler()
        let output = upsampler.upsample(tone(3_000, rate: 8_000, count: 8_000))
        let steady = Array(output[1_000..<15_000])
        let wanted = level(of: 3_000, in: steady, rate: 16_000)
        let image = level(of: 5_000, in: steady, rate: 16_000)
        #expect(wanted - image > 40, "3 kHz at \(wanted) dB, its 5 kHz image at \(image) dB")
    }
}

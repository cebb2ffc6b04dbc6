import Audio
import Foundation
import Testing

@Suite struct ResamplerTests {
    private func tone(_ frequency: Double, rate: Int, seconds: Double) -> [Float] {
        (0..<Int(Double(rate) * seconds)).map { Float(sin(2 * .pi * frequency * Double($0) / Double(rate)) * 0.5) }
    }

    /// Upward zero crossings per second: the frequency of a pure tone.
    private func frequency(of samples: [Float], rate: Int) -> Double {
        let crossings = zip(samples, samples.dropFirst()).filter { $0 < 0 && $1 >= 0 }.count
        return Double(crossings) * Double(rate) / Double(samples.count)
    }

    @Test func keepsLengthAndPitch() throws {
        let audio = PCMAudio(samples: tone(440, rate: 22_050, seconds: 1), sampleRate: 22_050)
        let converted = try audio.resampled(to: 16_000)
        #expect(converted.sampleRate == 16_000)
        #expect(abs(converted.samples.count - 16_000) <= 16)
        #expect(abs(frequency(of: converted.samples, rate: 16_000) - 440) < 5)
    }

    @Test func streamingInChunksMatchesTheWhole() throws {
        let samples = tone(300, rate: 8_000, seconds: 0.5)
        let whole = try PCMAudio(samples: samples, sampleRate: 8_000).resampled(to: 16_000).samples
        let resampler = try Resampler(from: 8_000, to: 16_000)
        var streamed: [Float] = []
        for start in stride(from: 0, to: samples.count, by: 160) {
            streamed += resampler.resample(Array(samples[start..<min(start + 160, samples.count)]))
        }
        streamed += resampler.finish()
        #expect(streamed.count == whole.count)
        #expect(zip(streamed, whole).allSatisfy { abs($0 - $1) < 1e-4 })
    }

    @Test func refusesRatesThatAreNotRates() {
        #expect(throws: AudioFormatError.unsupportedSampleRate(0)) { try Resampler(from: 0, to: 16_000) }
    }
}

import Foundation

/// Doubles a live stream's sample rate (8 kHz telephone audio to the 16 kHz the VAD and Whisper
/// hear) with a windowed-sinc half-band filter: each input sample is kept, and a sample is
/// interpolated between each two from the `taps` on either side.
///
/// Built for streams that must not lag: the output trails the input by `taps` + 1 samples (about
/// 1.6 ms at 8 kHz with the default 12), where libsoxr's linear-phase resampler hands its output
/// back in ~100 ms blocks and its minimum-phase one costs more than the rest of a call. The image
/// of a 3 kHz tone is more than 40 dB down. Stateful: feed one stream's chunks in order.
public struct TwiceUpsampler: Sendable {
    private let coefficients: [Float]
    private var history: [Float]

    /// `taps` input samples on each side of an interpolated one.
    public init(taps: Int = 12) {
        // sinc(j - ½) under a Blackman window spanning the 2 × taps neighbours, summing to 1.
        let raw = (0..<(2 * taps)).map { index -> Double in
            let x = Double(index - taps) + 0.5
            let sinc = sin(Double.pi * x) / (Double.pi * x)
            let phase = Double(index) + 0.5
            let window = 0.42 - 0.5 * cos(2 * Double.pi * phase / Double(2 * taps)) + 0.08 * cos(4 * Double.pi * phase / Double(2 * taps))
            return sinc * window
        }
        let sum = raw.reduce(0, +)
        coefficients = raw.map { Float($0 / sum) }
        history = [Float](repeating: 0, count: 2 * taps)
    }

    /// Twice as many samples as `samples`, `taps` + 1 input samples behind them.
    public mutating func upsample(_ samples: [Float]) -> [Float] {
        let taps = coefficients.count / 2
        let window = history + samples
        var output = [Float](repeating: 0, count: 2 * samples.count)
        // Output pair `index` sits at window[index + taps - 1] and between it and the next one.
        for index in 0..<samples.count {
            let center = index + taps - 1
            var interpolated: Float = 0
            for tap in 0..<coefficients.count {
                interpolated += coefficients[tap] * window[center - taps + 1 + tap]
            }
            output[2 * index] = window[center]
            output[2 * index + 1] = interpolated
        }
        history = Array(window.suffix(2 * taps))
        return output
    }
}

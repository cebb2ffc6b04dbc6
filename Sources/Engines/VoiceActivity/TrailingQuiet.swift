/// Where speech really ends in an utterance a detector has cut.
///
/// Silero's speech probability stays high for about 100 ms after the voice stops, so its
/// segments end late. The tail is trimmed back to the last 10 ms frame within 35 dB of the
/// utterance's loudest frame, looking back no more than `lookBack`. In steady noise louder than
/// that, nothing is trimmed and the detector's end stands.
enum TrailingQuiet {
    /// How far below the loudest frame a frame counts as quiet: 35 dB in energy (power) terms.
    static let quietRatio: Float = 0.000_316

    /// The number of samples of `samples` that hold the speech: all of them, less the quiet tail.
    static func speechLength(of samples: [Float], sampleRate: Int, lookBack: Duration = .milliseconds(200)) -> Int {
        let frame = sampleRate / 100
        guard frame > 0, samples.count >= frame else { return samples.count }
        let loudest = stride(from: 0, to: samples.count - frame + 1, by: frame).reduce(Float(0)) { max($0, energy(samples, from: $1, count: frame)) }
        let floor = loudest * quietRatio
        let earliest = max(0, samples.count - Int(Double(sampleRate) * (lookBack / .seconds(1))))
        var end = samples.count
        while end - frame >= earliest, energy(samples, from: end - frame, count: frame) < floor {
            end -= frame
        }
        return end
    }

    /// Mean power of `count` samples from `start`.
    static func energy(_ samples: [Float], from start: Int, count: Int) -> Float {
        var sum: Float = 0
        for index in start..<start + count {
            sum += samples[index] * samples[index]
        }
        return sum / Float(count)
    }
}

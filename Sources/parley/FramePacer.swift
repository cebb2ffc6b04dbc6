/// When `parley call` sends each 20 ms frame of the caller's audio (PCM16 LE, 16 kHz mono: 640
/// bytes), so that the server hears it at real-time pace, as from a microphone.
///
/// Frame `n` is due at `n × 20 ms` after the start: each sleep aims at its own deadline on the
/// clock, so a late wake-up shortens the next sleep instead of delaying every later frame.
struct FramePacer: Sendable, Equatable {
    static let sampleRate = 16_000
    static let frameDuration = Duration.milliseconds(20)
    /// Samples in one frame (320).
    static let frameSamples = sampleRate / 50
    /// Bytes in one frame (640).
    static let frameBytes = frameSamples * 2
    /// One frame of silence.
    static let silence = [UInt8](repeating: 0, count: frameBytes)

    /// When frame 0 is due.
    let start: ContinuousClock.Instant

    /// When frame `index` (counted from the start of the call, silence included) is due.
    func deadline(ofFrame index: Int) -> ContinuousClock.Instant {
        start + Self.offset(ofFrame: index)
    }

    /// How long after the start frame `index` is due.
    static func offset(ofFrame index: Int) -> Duration {
        frameDuration * index
    }

    /// `pcm16` cut into frames, the last one padded with silence.
    static func frames(of pcm16: [UInt8]) -> [[UInt8]] {
        stride(from: 0, to: pcm16.count, by: frameBytes).map { offset in
            let frame = Array(pcm16[offset..<min(offset + frameBytes, pcm16.count)])
            return frame.count == frameBytes ? frame : frame + [UInt8](repeating: 0, count: frameBytes - frame.count)
        }
    }

    /// The index of the first frame of `samples` (16 kHz) with a sample louder than `threshold`,
    /// or `nil` when none is: where the speech of a line begins.
    static func firstVoicedFrame(of samples: [Float], threshold: Float = 0.01) -> Int? {
        samples.firstIndex { abs($0) > threshold }.map { $0 / frameSamples }
    }

    /// The index of the last frame of `samples` (16 kHz) with a sample louder than `threshold`
    /// (0.01 is -40 dBFS, below any speech and above a synthesiser's dither), or `nil` when none is.
    static func lastVoicedFrame(of samples: [Float], threshold: Float = 0.01) -> Int? {
        samples.lastIndex { abs($0) > threshold }.map { $0 / frameSamples }
    }
}

import CSoxr

/// Converts a stream of mono samples from one rate to another (libsoxr, medium quality: 16-bit
/// accuracy with a short filter, enough for speech and cheap enough for every call).
///
/// Stateful: feed one stream's chunks in order, then call ``finish()`` for the filter's tail.
public final class Resampler {
    public let inputRate: Int
    public let outputRate: Int
    private let handle: soxr_t

    /// Fails only for rates libsoxr refuses (zero or negative).
    public init(from inputRate: Int, to outputRate: Int) throws(AudioFormatError) {
        guard inputRate > 0, outputRate > 0 else { throw .unsupportedSampleRate(min(inputRate, outputRate)) }
        var error: soxr_error_t?
        var quality = soxr_quality_spec(UInt(SOXR_MQ), 0)
        guard let handle = soxr_create(Double(inputRate), Double(outputRate), 1, &error, nil, &quality, nil), error == nil else {
            throw .unsupportedSampleRate(inputRate)
        }
        self.inputRate = inputRate
        self.outputRate = outputRate
        self.handle = handle
    }

    deinit {
        soxr_delete(handle)
    }

    /// The resampled audio for `samples`, less what the filter still holds back.
    public func resample(_ samples: [Float]) -> [Float] {
        // An empty array may have no storage, and a null input would end the stream.
        guard !samples.isEmpty else { return [] }
        return samples.withUnsafeBufferPointer { process($0.baseAddress, count: $0.count) }
    }

    /// What the filter still holds: call once, after the last chunk.
    public func finish() -> [Float] {
        process(nil, count: 0)
    }

    private func process(_ input: UnsafePointer<Float>?, count: Int) -> [Float] {
        var output: [Float] = []
        var offset = 0
        // A null input tells soxr the stream ended; it then drains in as many calls as it needs.
        let capacity = count * outputRate / inputRate + 256
        var buffer = [Float](repeating: 0, count: capacity)
        repeat {
            var consumed = 0
            var produced = 0
            buffer.withUnsafeMutableBufferPointer { out in
                _ = soxr_process(handle, input.map { $0 + offset }, count - offset, &consumed, out.baseAddress, capacity, &produced)
            }
            output.append(contentsOf: buffer[0..<produced])
            offset += consumed
            if input == nil, produced == 0 { break }
            if input != nil, offset >= count, produced < capacity { break }
        } while true
        return output
    }
}

extension PCMAudio {
    /// This audio at `rate`, whole (for a stream, use a ``Resampler``).
    public func resampled(to rate: Int) throws(AudioFormatError) -> PCMAudio {
        guard rate != sampleRate else { return self }
        let resampler = try Resampler(from: sampleRate, to: rate)
        return PCMAudio(samples: resampler.resample(samples) + resampler.finish(), sampleRate: rate)
    }
}

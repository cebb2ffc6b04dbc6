/// Mono audio as floating-point samples in -1…1 at a known rate: what every engine takes or gives.
public struct PCMAudio: Sendable, Equatable {
    public var samples: [Float]
    public var sampleRate: Int

    public init(samples: [Float], sampleRate: Int) {
        self.samples = samples
        self.sampleRate = sampleRate
    }

    public var duration: Duration {
        .nanoseconds(Int64(samples.count) * 1_000_000_000 / Int64(max(sampleRate, 1)))
    }

    /// From little-endian signed 16-bit samples, the wire format of seed 002's WebSocket.
    public init(pcm16LittleEndian bytes: some Collection<UInt8>, sampleRate: Int) {
        var samples: [Float] = []
        samples.reserveCapacity(bytes.count / 2)
        var iterator = bytes.makeIterator()
        while let low = iterator.next(), let high = iterator.next() {
            samples.append(Float(Int16(bitPattern: UInt16(low) | UInt16(high) << 8)) / 32_768)
        }
        self.init(samples: samples, sampleRate: sampleRate)
    }

    /// Little-endian signed 16-bit samples, clipped to the 16-bit range.
    public var pcm16LittleEndian: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(samples.count * 2)
        for sample in samples {
            let value = Int16(max(-32_768, min(32_767, (sample * 32_768).rounded())))
            let bits = UInt16(bitPattern: value)
            bytes.append(UInt8(truncatingIfNeeded: bits))
            bytes.append(UInt8(truncatingIfNeeded: bits >> 8))
        }
        return bytes
    }
}

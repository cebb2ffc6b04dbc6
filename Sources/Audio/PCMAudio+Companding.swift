extension PCMAudio {
    /// From 8-bit companded codes (G.711), each standing for the 16-bit sample `table` gives it.
    init(codes: some Collection<UInt8>, table: [Int16], sampleRate: Int) {
        self.init(samples: codes.map { Float(table[Int($0)]) / 32_768 }, sampleRate: sampleRate)
    }

    /// The samples, clipped to the 16-bit range, each coded by `encode`.
    func codes(_ encode: (Int16) -> UInt8) -> [UInt8] {
        samples.map { encode(Int16(max(-32_768, min(32_767, ($0 * 32_768).rounded())))) }
    }
}

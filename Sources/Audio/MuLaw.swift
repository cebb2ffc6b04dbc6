/// G.711 µ-law, the telephone network's 8-bit companding of 14-bit samples: what Twilio's Media
/// Streams and SIP's PCMU carry. The same quantisation as Sun's reference `g711.c` (and Python's
/// `audioop`): 16-bit samples lose their two lowest bits, magnitudes clip at 8159.
public enum MuLaw {
    /// The 16-bit sample each of the 256 codes stands for.
    public static let decodingTable: [Int16] = (0...255).map { decode(UInt8($0)) }

    /// The code for a 16-bit sample.
    public static func encode(_ sample: Int16) -> UInt8 {
        var magnitude = Int(sample) >> 2
        let mask: UInt8
        if magnitude < 0 {
            magnitude = -magnitude
            mask = 0x7F
        } else {
            mask = 0xFF
        }
        magnitude = min(magnitude, clip) + (bias >> 2)
        // The segment is the position of the highest set bit above the first five.
        var segment = 0
        while segment < 8, magnitude > segmentEnds[segment] { segment += 1 }
        guard segment < 8 else { return 0x7F ^ mask }
        let code = UInt8(segment << 4) | UInt8((magnitude >> (segment + 1)) & 0x0F)
        return code ^ mask
    }

    /// The 16-bit sample a code stands for.
    public static func decode(_ code: UInt8) -> Int16 {
        let inverted = ~code
        let magnitude = (((Int(inverted) & 0x0F) << 3) + bias) << ((Int(inverted) & 0x70) >> 4)
        return Int16(inverted & 0x80 != 0 ? bias - magnitude : magnitude - bias)
    }

    private static let bias = 0x84
    private static let clip = 8_159
    private static let segmentEnds = [0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF]
}

extension PCMAudio {
    /// From µ-law bytes (8 kHz on the telephone network; `sampleRate` says what they are).
    public init(muLaw bytes: some Collection<UInt8>, sampleRate: Int = 8_000) {
        self.init(codes: bytes, table: MuLaw.decodingTable, sampleRate: sampleRate)
    }

    /// The samples as µ-law bytes, clipped to the 16-bit range first.
    public var muLaw: [UInt8] {
        codes(MuLaw.encode)
    }
}

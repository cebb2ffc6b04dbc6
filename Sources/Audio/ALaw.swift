/// G.711 A-law, the companding of 13-bit samples used outside North America: what SIP's PCMA
/// carries. The same quantisation as Sun's reference `g711.c` (and Python's `audioop`): 16-bit
/// samples lose their three lowest bits.
public enum ALaw {
    /// The 16-bit sample each of the 256 codes stands for.
    public static let decodingTable: [Int16] = (0...255).map { decode(UInt8($0)) }

    /// The code for a 16-bit sample.
    public static func encode(_ sample: Int16) -> UInt8 {
        var magnitude = Int(sample) >> 3
        let mask: UInt8
        if magnitude >= 0 {
            mask = 0xD5
        } else {
            mask = 0x55
            magnitude = -magnitude - 1
        }
        var segment = 0
        while segment < 8, magnitude > segmentEnds[segment] { segment += 1 }
        guard segment < 8 else { return 0x7F ^ mask }
        // The first two segments share one step size.
        let step = segment < 2 ? 1 : segment
        let code = UInt8(segment << 4) | UInt8((magnitude >> step) & 0x0F)
        return code ^ mask
    }

    /// The 16-bit sample a code stands for.
    public static func decode(_ code: UInt8) -> Int16 {
        let flipped = code ^ 0x55
        var magnitude = (Int(flipped) & 0x0F) << 4
        let segment = (Int(flipped) & 0x70) >> 4
        switch segment {
        case 0: magnitude += 8
        case 1: magnitude += 0x108
        default: magnitude = (magnitude + 0x108) << (segment - 1)
        }
        return Int16(flipped & 0x80 != 0 ? magnitude : -magnitude)
    }

    private static let segmentEnds = [0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF]
}

extension PCMAudio {
    /// From A-law bytes (8 kHz on the telephone network; `sampleRate` says what they are).
    public init(aLaw bytes: some Collection<UInt8>, sampleRate: Int = 8_000) {
        self.init(codes: bytes, table: ALaw.decodingTable, sampleRate: sampleRate)
    }

    /// The samples as A-law bytes, clipped to the 16-bit range first.
    public var aLaw: [UInt8] {
        codes(ALaw.encode)
    }
}

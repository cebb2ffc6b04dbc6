import Audio

/// The G.711 codecs Parley speaks over RTP: 8 kHz, one byte a sample.
public enum RTPAudioCodec: String, Sendable, CaseIterable {
    case pcmu = "PCMU"
    case pcma = "PCMA"

    /// RFC 3551's static payload type.
    public var payloadType: UInt8 {
        switch self {
        case .pcmu: 0
        case .pcma: 8
        }
    }

    public static let clockRate = 8_000

    /// The samples (-1…1, at 8 kHz) that `payload` codes.
    public func decode(_ payload: some Collection<UInt8>) -> [Float] {
        (self == .pcmu ? PCMAudio(muLaw: payload) : PCMAudio(aLaw: payload)).samples
    }

    /// `audio` (at 8 kHz) coded.
    public func encode(_ audio: PCMAudio) -> [UInt8] {
        self == .pcmu ? audio.muLaw : audio.aLaw
    }

    /// The code for silence.
    public var silence: UInt8 {
        self == .pcmu ? 0xFF : 0xD5
    }
}

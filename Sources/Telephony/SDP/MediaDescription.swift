/// One `m=` section of a session description and the lines that belong to it.
public struct MediaDescription: Sendable, Equatable {
    public var type: String
    public var port: Int
    public var proto: String
    /// Payload type numbers, in the order of preference written.
    public var formats: [Int]
    /// The section's own `c=` address, overriding the session's.
    public var connectionAddress: String?
    /// `a=rtpmap:` per payload type, e.g. `PCMU/8000`.
    public var rtpMaps: [Int: String]
    /// `a=fmtp:` per payload type.
    public var formatParameters: [Int: String]
    public var direction: MediaDirection
    /// `a=ptime:`, milliseconds of audio a packet carries.
    public var packetTime: Int?

    public init(
        type: String = "audio", port: Int, proto: String = "RTP/AVP", formats: [Int], connectionAddress: String? = nil,
        rtpMaps: [Int: String] = [:], formatParameters: [Int: String] = [:], direction: MediaDirection = .sendrecv, packetTime: Int? = nil
    ) {
        self.type = type
        self.port = port
        self.proto = proto
        self.formats = formats
        self.connectionAddress = connectionAddress
        self.rtpMaps = rtpMaps
        self.formatParameters = formatParameters
        self.direction = direction
        self.packetTime = packetTime
    }

    /// The encoding name and clock rate of `payloadType`: its `rtpmap`, or RFC 3551's static
    /// assignment (0 PCMU, 8 PCMA) when none is written.
    public func encoding(of payloadType: Int) -> (name: String, clockRate: Int)? {
        if let map = rtpMaps[payloadType] {
            let parts = map.split(separator: "/")
            guard parts.count >= 2, let rate = Int(parts[1]) else { return nil }
            return (parts[0].uppercased(), rate)
        }
        switch payloadType {
        case 0: return ("PCMU", 8_000)
        case 8: return ("PCMA", 8_000)
        default: return nil
        }
    }
}

/// An SDP session description (RFC 4566), the part of it a telephone call uses.
public struct SessionDescription: Sendable, Equatable {
    public var originUser: String
    public var sessionID: UInt64
    public var sessionVersion: UInt64
    public var originAddress: String
    public var sessionName: String
    /// The session-level `c=` address.
    public var connectionAddress: String?
    public var media: [MediaDescription]

    public init(
        originUser: String = "-", sessionID: UInt64, sessionVersion: UInt64, originAddress: String,
        sessionName: String = "Parley", connectionAddress: String?, media: [MediaDescription]
    ) {
        self.originUser = originUser
        self.sessionID = sessionID
        self.sessionVersion = sessionVersion
        self.originAddress = originAddress
        self.sessionName = sessionName
        self.connectionAddress = connectionAddress
        self.media = media
    }

    /// Reads a description; lines Parley has no use for (`b=`, `t=`, unknown attributes) are skipped.
    public init(parsing text: String) throws(SDPError) {
        var origin: [Substring] = []
        var sessionName = "-"
        var connection: String?
        var media: [MediaDescription] = []
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingSpaces
            guard !line.isEmpty else { continue }
            let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].count == 1 else { throw .malformed(line) }
            let value = parts[1]
            switch parts[0] {
            case "o":
                origin = value.split(separator: " ")
            case "s":
                sessionName = String(value)
            case "c":
                let address = try Self.connectionAddress(value, line: line)
                if media.isEmpty { connection = address } else { media[media.count - 1].connectionAddress = address }
            case "m":
                media.append(try Self.mediaLine(value, line: line))
            case "a" where !media.isEmpty:
                try Self.apply(attribute: value, to: &media[media.count - 1], line: line)
            default:
                continue
            }
        }
        guard origin.count >= 6 else { throw .malformed("o= line missing or short") }
        self.init(
            originUser: String(origin[0]), sessionID: UInt64(origin[1]) ?? 0, sessionVersion: UInt64(origin[2]) ?? 0,
            originAddress: String(origin[5]), sessionName: sessionName, connectionAddress: connection, media: media
        )
    }

    /// The description as sent.
    public var text: String {
        var lines = [
            "v=0",
            "o=\(originUser) \(sessionID) \(sessionVersion) IN \(Self.addressType(originAddress)) \(originAddress)",
            "s=\(sessionName)",
        ]
        if let connectionAddress { lines.append("c=IN \(Self.addressType(connectionAddress)) \(connectionAddress)") }
        lines.append("t=0 0")
        for stream in media {
            lines.append("m=\(stream.type) \(stream.port) \(stream.proto) " + stream.formats.map(String.init).joined(separator: " "))
            if let address = stream.connectionAddress { lines.append("c=IN \(Self.addressType(address)) \(address)") }
            for format in stream.formats {
                if let map = stream.rtpMaps[format] { lines.append("a=rtpmap:\(format) \(map)") }
                if let parameters = stream.formatParameters[format] { lines.append("a=fmtp:\(format) \(parameters)") }
            }
            if let packetTime = stream.packetTime { lines.append("a=ptime:\(packetTime)") }
            lines.append("a=\(stream.direction.rawValue)")
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    private static func addressType(_ address: String) -> String {
        address.contains(":") ? "IP6" : "IP4"
    }

    private static func connectionAddress(_ value: Substring, line: String) throws(SDPError) -> String {
        let parts = value.split(separator: " ")
        guard parts.count >= 3, parts[0] == "IN" else { throw .malformed(line) }
        // A multicast address may carry `/ttl`; only the address matters here.
        return String(parts[2].split(separator: "/").first ?? parts[2])
    }

    private static func mediaLine(_ value: Substring, line: String) throws(SDPError) -> MediaDescription {
        let parts = value.split(separator: " ")
        guard parts.count >= 3, let port = Int(parts[1].split(separator: "/").first ?? ""), (0...65_535).contains(port) else {
            throw .malformed(line)
        }
        // Non-RTP formats (`m=application … webrtc-datachannel`) are not numbers; they are simply not audio.
        return MediaDescription(type: String(parts[0]), port: port, proto: String(parts[2]), formats: parts.dropFirst(3).compactMap { Int($0) })
    }

    private static func apply(attribute: Substring, to media: inout MediaDescription, line: String) throws(SDPError) {
        let pair = attribute.split(separator: ":", maxSplits: 1)
        guard let name = pair.first else { return }
        let value = pair.count > 1 ? pair[1] : ""
        switch name {
        case "rtpmap", "fmtp":
            let fields = value.split(separator: " ", maxSplits: 1)
            guard fields.count == 2, let payloadType = Int(fields[0]), (0...127).contains(payloadType) else { throw .malformed(line) }
            if name == "rtpmap" { media.rtpMaps[payloadType] = String(fields[1]) } else { media.formatParameters[payloadType] = String(fields[1]) }
        case "ptime":
            media.packetTime = Int(value.trimmingSpaces)
        default:
            if let direction = MediaDirection(rawValue: String(name)) { media.direction = direction }
        }
    }
}

/// The `/ws/voice` address `parley call` connects to, from the server's base URL and the query of
/// seed 002: `api_key`, `agent_id`, `session_id`, and Parley's `audio_format=pcm16`.
struct CallEndpoint: Sendable, Equatable {
    /// Why a base URL cannot be used.
    struct InvalidURL: Error, CustomStringConvertible {
        let url: String
        var description: String { "--url must be http://, https://, ws:// or wss:// and a host, not '\(url)'" }
    }

    var apiKey: String
    var agentID: String?
    var sessionID: String?
    var pcm16 = false

    /// The WebSocket URL under `base` (`http://host:port`, maybe with a path prefix): `http`
    /// becomes `ws` and `https` becomes `wss`; the query values are percent-encoded.
    func url(base: String) throws(InvalidURL) -> String {
        guard let separator = base.range(of: "://") else { throw InvalidURL(url: base) }
        let scheme: String
        switch base[..<separator.lowerBound].lowercased() {
        case "http", "ws": scheme = "ws"
        case "https", "wss": scheme = "wss"
        default: throw InvalidURL(url: base)
        }
        // The host, port and any path prefix.
        var rest = String(base[separator.upperBound...])
        while rest.hasSuffix("/") { rest.removeLast() }
        guard !rest.isEmpty, !rest.hasPrefix("/"), !rest.contains("?"), !rest.contains("#") else { throw InvalidURL(url: base) }
        var query = [("api_key", apiKey)]
        if let agentID { query.append(("agent_id", agentID)) }
        if let sessionID { query.append(("session_id", sessionID)) }
        if pcm16 { query.append(("audio_format", "pcm16")) }
        return "\(scheme)://\(rest)/ws/voice?" + query.map { "\($0)=\(Self.percentEncoded($1))" }.joined(separator: "&")
    }

    /// `value` with everything but RFC 3986's unreserved characters percent-encoded.
    static func percentEncoded(_ value: String) -> String {
        var encoded = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.append(Character(Unicode.Scalar(byte)))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                encoded += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return encoded
    }
}

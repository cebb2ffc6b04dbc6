/// One `Via` value: `SIP/2.0/UDP host:port;branch=…;rport`, the path a response retraces.
public struct SIPVia: Sendable, Equatable, CustomStringConvertible {
    public var transport: String
    public var host: String
    public var port: Int?
    /// Parameters, names lowercased; `rport` without a value is `""`.
    public var parameters: [String: String]

    public init(transport: String = "UDP", host: String, port: Int?, parameters: [String: String]) {
        self.transport = transport
        self.host = host
        self.port = port
        self.parameters = parameters
    }

    public init?(_ text: some StringProtocol) {
        let text = Substring(text.trimmingSpaces)
        let semicolon = text.firstIndex(of: ";") ?? text.endIndex
        let head = text[..<semicolon]
        guard let space = head.firstIndex(where: { $0 == " " || $0 == "\t" }) else { return nil }
        let proto = head[..<space].split(separator: "/").map { $0.trimmingSpaces }
        guard proto.count == 3, proto[0].uppercased() == "SIP", let (host, port) = SIPURI.hostAndPort(Substring(head[space...].trimmingSpaces)) else { return nil }
        self.init(transport: proto[2].uppercased(), host: host, port: port, parameters: SIPText.parameters(text[semicolon...]))
    }

    /// The transaction's identifier; RFC 3261's magic cookie marks one that is unique.
    public var branch: String? { parameters["branch"] }

    public var description: String {
        var text = "SIP/2.0/\(transport) " + (host.contains(":") ? "[\(host)]" : host)
        if let port { text += ":\(port)" }
        for name in parameters.keys.sorted() {
            let value = parameters[name] ?? ""
            text += ";" + name + (value.isEmpty ? "" : "=" + value)
        }
        return text
    }

    /// RFC 3261's prefix of every branch a compliant element makes.
    public static let magicCookie = "z9hG4bK"
}

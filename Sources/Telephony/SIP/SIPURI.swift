/// A `sip:` or `sips:` URI: `sip:user@host:port;parameters`.
public struct SIPURI: Sendable, Equatable, CustomStringConvertible {
    public var scheme: String
    public var user: String?
    public var host: String
    public var port: Int?
    /// Parameters in the order written, names lowercased (`transport`, `lr`, …).
    public var parameters: [(name: String, value: String?)]

    public init(scheme: String = "sip", user: String? = nil, host: String, port: Int? = nil, parameters: [(name: String, value: String?)] = []) {
        self.scheme = scheme
        self.user = user
        self.host = host
        self.port = port
        self.parameters = parameters
    }

    /// Reads `text`; `nil` for anything that is not a SIP URI with a host. A URI holds no white
    /// space or control characters (RFC 3261 §25.1 escapes them): Parley writes URIs it read into
    /// request lines, which one would break.
    public init?(_ text: some StringProtocol) {
        let text = text.trimmingSpaces
        guard !text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) else { return nil }
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let scheme = text[..<colon].lowercased()
        guard scheme == "sip" || scheme == "sips" else { return nil }
        var rest = text[text.index(after: colon)...]
        if let question = rest.firstIndex(of: "?") { rest = rest[..<question] }
        var user: String?
        if let at = rest.lastIndex(of: "@") {
            let userInfo = rest[..<at]
            user = String(userInfo.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            rest = rest[rest.index(after: at)...]
        }
        var parameters: [(name: String, value: String?)] = []
        if let semicolon = rest.firstIndex(of: ";") {
            for part in rest[rest.index(after: semicolon)...].split(separator: ";") {
                let pair = part.split(separator: "=", maxSplits: 1)
                guard let name = pair.first, !name.isEmpty else { continue }
                parameters.append((name.lowercased(), pair.count > 1 ? String(pair[1]) : nil))
            }
            rest = rest[..<semicolon]
        }
        guard let (host, port) = Self.hostAndPort(rest) else { return nil }
        self.init(scheme: scheme, user: user, host: host, port: port, parameters: parameters)
    }

    /// The value of parameter `name` (`""` for a flag), if present.
    public func parameter(_ name: String) -> String? {
        parameters.first { $0.name == name.lowercased() }.map { $0.value ?? "" }
    }

    public var description: String {
        var text = scheme + ":"
        if let user { text += user + "@" }
        text += host.contains(":") ? "[\(host)]" : host
        if let port { text += ":\(port)" }
        for (name, value) in parameters { text += ";" + name + (value.map { "=" + $0 } ?? "") }
        return text
    }

    public static func == (lhs: SIPURI, rhs: SIPURI) -> Bool {
        lhs.description == rhs.description
    }

    /// `host`, `host:port`, `[v6]` or `[v6]:port`; the host without brackets.
    static func hostAndPort(_ text: Substring) -> (String, Int?)? {
        var host: Substring
        var portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            // Only an IPv6 address goes in brackets (RFC 3261 §25.1), and only one with a colon is
            // written back in them: `[[x]` or `[1.2.3.4]` would not read again.
            guard host.contains(":"), host.allSatisfy({ $0.isASCII && ($0.isHexDigit || $0 == ":" || $0 == ".") }) else { return nil }
            let after = text[text.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty { return nil }
        } else {
            let pair = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            host = pair[0]
            if pair.count > 1 { portText = pair[1] }
        }
        host = Substring(host.trimmingSpaces)
        guard !host.isEmpty, !host.contains(where: { $0 == " " || $0 == "<" || $0 == ">" || $0 == "@" }) else { return nil }
        guard let portText else { return (String(host), nil) }
        guard let port = Int(portText.trimmingSpaces), (1...65_535).contains(port) else { return nil }
        return (String(host), port)
    }
}

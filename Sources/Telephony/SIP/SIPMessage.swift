/// A SIP request or response, read from a datagram (RFC 3261 §7).
public enum SIPMessage: Sendable, Equatable {
    case request(SIPRequest)
    case response(SIPResponse)

    /// A datagram holds at most this much.
    public static let maxBytes = 65_535
    /// A real message has a few dozen header fields; more is an attack or a fault.
    public static let maxHeaderFields = 128
    /// `Via`, `Route` and `Record-Route` values together, however many to a field: one or two a
    /// hop. Parley's answers repeat them one to a field, and must stay within ``maxHeaderFields``.
    public static let maxRouteValues = 100

    /// Reads one message from `bytes`. The header section is read as UTF-8 (invalid bytes become
    /// U+FFFD); folded header lines are unfolded; the body is `Content-Length` bytes, or all
    /// that follows when the field is absent (allowed over UDP).
    public init(parsing bytes: some Collection<UInt8>) throws(SIPParseError) {
        let bytes = Array(bytes)
        guard bytes.count <= Self.maxBytes else { throw .tooLarge }
        // Keep-alives and stray line ends before the start line are not part of it (RFC 3261 §7.5).
        let start = bytes.firstIndex { $0 != 0x0D && $0 != 0x0A } ?? bytes.endIndex
        guard let (headerEnd, bodyStart) = Self.headerEnd(bytes, from: start) else { throw .noHeaderEnd }
        let lines = Self.unfoldedLines(String(decoding: bytes[start..<headerEnd], as: UTF8.self))
        guard let startLine = lines.first else { throw .badStartLine }
        var headers = SIPHeaders()
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { throw .badHeader }
            let name = line[..<colon].trimmingSpaces
            guard !name.isEmpty, !name.contains(" ") else { throw .badHeader }
            guard headers.fields.count < Self.maxHeaderFields else { throw .tooManyHeaders }
            headers.add(name, line[line.index(after: colon)...].trimmingSpaces)
        }
        guard ["Via", "Route", "Record-Route"].reduce(0, { $0 + headers.values($1).count }) <= Self.maxRouteValues else {
            throw .tooManyHeaders
        }
        var body = Array(bytes[bodyStart...])
        if let length = headers["Content-Length"] {
            guard let count = Int(length), count >= 0 else { throw .badContentLength }
            guard count <= body.count else { throw .truncatedBody }
            body = Array(body.prefix(count))
        }
        self = try Self.message(startLine: startLine, headers: headers, body: body)
    }

    private static func message(startLine: Substring, headers: SIPHeaders, body: [UInt8]) throws(SIPParseError) -> SIPMessage {
        let parts = startLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard parts.count >= 2 else { throw .badStartLine }
        if parts[0].hasPrefix("SIP/") {
            guard parts[0] == "SIP/2.0" else { throw .badVersion }
            guard parts[1].count == 3, let status = Int(parts[1]), (100...699).contains(status) else { throw .badStartLine }
            let reason = parts.count > 2 ? String(parts[2]) : SIPResponse.reason(for: status)
            return .response(SIPResponse(status: status, reason: reason, headers: headers, body: body))
        }
        guard parts.count == 3, parts[0].allSatisfy(Self.isTokenCharacter) else { throw .badStartLine }
        guard parts[2] == "SIP/2.0" else { throw .badVersion }
        guard let uri = SIPURI(parts[1]) else { throw .badStartLine }
        return .request(SIPRequest(method: SIPMethod(rawValue: String(parts[0])), uri: uri, headers: headers, body: body))
    }

    /// Where the header section ends and the body begins: after CRLF CRLF, or a bare LF LF.
    private static func headerEnd(_ bytes: [UInt8], from start: Int) -> (Int, Int)? {
        var index = start
        while index < bytes.count {
            if bytes[index] == 0x0A {
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A { return (index, index + 2) }
                if index + 2 < bytes.count, bytes[index + 1] == 0x0D, bytes[index + 2] == 0x0A { return (index, index + 3) }
            }
            index += 1
        }
        return nil
    }

    /// The header section's lines, a line that starts with a space or tab joined to the one above.
    /// A joined line grows in place: time linear in the text however many lines are folded.
    private static func unfoldedLines(_ text: String) -> [Substring] {
        var lines: [String] = []
        // "\r\n" is one Character in Swift, so both line ends are split on as such.
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if let first = line.first, first == " " || first == "\t", !lines.isEmpty {
                lines[lines.count - 1] += " " + line.trimmingSpaces
            } else if !line.isEmpty {
                lines.append(String(line))
            }
        }
        return lines.map { Substring($0) }
    }

    private static func isTokenCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "-.!%*_+`'~".contains(character))
    }

    /// A message's bytes: the start line, the fields (with `Content-Length` last), the body.
    static func wire(startLine: String, headers: SIPHeaders, body: [UInt8]) -> [UInt8] {
        var text = startLine + "\r\n"
        for (name, value) in headers where name != "Content-Length" {
            text += name + ": " + value + "\r\n"
        }
        text += "Content-Length: \(body.count)\r\n\r\n"
        return Array(text.utf8) + body
    }
}

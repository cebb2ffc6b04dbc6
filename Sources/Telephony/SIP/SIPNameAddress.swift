/// A `From`, `To` or `Contact` value: an optional display name, a URI, and header parameters
/// such as `tag`.
public struct SIPNameAddress: Sendable, Equatable, CustomStringConvertible {
    public var displayName: String?
    public var uri: SIPURI
    /// Header parameters (after the URI's closing `>`), names lowercased.
    public var parameters: [String: String]

    public init(displayName: String? = nil, uri: SIPURI, parameters: [String: String] = [:]) {
        self.displayName = displayName
        self.uri = uri
        self.parameters = parameters
    }

    /// Reads `"Name" <sip:…>;tag=…`, `<sip:…>;tag=…` or a bare `sip:…;tag=…`.
    public init?(_ text: some StringProtocol) {
        let text = Substring(text.trimmingSpaces)
        if let open = text.firstIndex(of: "<") {
            guard let close = text[open...].firstIndex(of: ">"), let uri = SIPURI(text[text.index(after: open)..<close]) else { return nil }
            var name = text[..<open].trimmingSpaces
            if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 { name = String(name.dropFirst().dropLast()) }
            self.init(displayName: name.isEmpty ? nil : name, uri: uri, parameters: SIPText.parameters(text[text.index(after: close)...]))
        } else {
            // Without brackets every parameter belongs to the header, not the URI (RFC 3261 §20.10).
            let uriText = text.prefix { $0 != ";" }
            guard let uri = SIPURI(uriText) else { return nil }
            self.init(uri: uri, parameters: SIPText.parameters(text[uriText.endIndex...]))
        }
    }

    /// The `tag` parameter that names one side of a dialog.
    public var tag: String? {
        get { parameters["tag"] }
        set { parameters["tag"] = newValue }
    }

    public var description: String {
        var text = displayName.map { "\"\($0)\" " } ?? ""
        text += "<\(uri)>"
        for name in parameters.keys.sorted() {
            let value = parameters[name] ?? ""
            text += ";" + name + (value.isEmpty ? "" : "=" + value)
        }
        return text
    }
}

extension SIPRequest {
    /// The response to this request (RFC 3261 §8.2.6): its `Via`s, `From`, `Call-ID` and `CSeq`
    /// copied, `To` given `toTag` when it has none, the top `Via` told where the request came from.
    func response(_ status: Int, toTag: String? = nil, from source: SIPPeer, reason: String? = nil) -> SIPResponse {
        var headers = SIPHeaders()
        for (index, via) in self.headers.values("Via").enumerated() {
            headers.add("Via", index == 0 ? Self.stamped(via, source: source) : via)
        }
        if let from = self.headers["From"] { headers.add("From", from) }
        if var to = self.headers["To"] {
            if let toTag, SIPNameAddress(to)?.tag == nil { to += ";tag=\(toTag)" }
            headers.add("To", to)
        }
        if let callID = self.headers["Call-ID"] { headers.add("Call-ID", callID) }
        if let cseq = self.headers["CSeq"] { headers.add("CSeq", cseq) }
        headers.add("User-Agent", SIPSignaling.userAgent)
        return SIPResponse(status: status, reason: reason, headers: headers)
    }

    /// RFC 3581: a `Via` asking for `rport` learns the port the request came from, and any `Via`
    /// learns the address when it differs from what it says.
    private static func stamped(_ via: String, source: SIPPeer) -> String {
        guard let parsed = SIPVia(via) else { return via }
        var stamped = via
        if parsed.parameters["rport"] == "" {
            stamped = stamped.replacingFirstParameter("rport", with: "rport=\(source.port)")
        }
        if parsed.host != source.host, parsed.parameters["received"] == nil {
            stamped += ";received=\(source.host)"
        }
        return stamped
    }
}

extension String {
    /// The text with the first `;name` flag parameter replaced by `replacement`.
    fileprivate func replacingFirstParameter(_ name: String, with replacement: String) -> String {
        var parts = split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        guard let index = parts.indices.dropFirst().first(where: { parts[$0].trimmingSpaces.lowercased() == name }) else { return self }
        parts[index] = replacement
        return parts.joined(separator: ";")
    }
}

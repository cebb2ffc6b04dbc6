import Foundation

extension SIPTrunk {
    /// The most entries ``allowedAddresses`` may have.
    public static let maxAllowedAddresses = 100

    /// Throws `invalidField`, named as the API names it, for the first setting out of range.
    public func validate() throws(ParleyError) {
        try Self.require(!name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "trunk_name", "must not be empty")
        try Self.require(name.count <= 100, "trunk_name", "must be at most 100 characters")
        try Self.require((1...50).contains(provider.count), "provider", "must be 1 to 50 characters")
        if let outboundNumber {
            try Self.require(AgentChannel.isPhoneNumber(outboundNumber), "outbound_number", "must be an E.164 number: + and 7 to 15 digits")
        }
        if let host {
            try Self.require(Self.isHost(host), "host", "must be a hostname or an IP address, without a scheme or port")
        }
        try Self.require((1...65_535).contains(port), "port", "must be between 1 and 65535")
        try validateCredentials()
        try Self.require(allowedAddresses.count <= Self.maxAllowedAddresses, "allowed_addresses", "must have at most \(Self.maxAllowedAddresses) entries")
        for (index, address) in allowedAddresses.enumerated() {
            try Self.require(
                SIPAddressRange(address) != nil, "allowed_addresses[\(index)]",
                "must be an IPv4 or IPv6 address or a CIDR range such as 203.0.113.0/24"
            )
        }
        try Self.require(
            !allowedAddresses.isEmpty || host != nil, "allowed_addresses",
            "must not be empty when there is no host: a trunk needs addresses to accept calls from, a host to call, or both"
        )
    }

    /// Whether `text` is a hostname (letters, digits and hyphens in dot-separated labels) or an IP address.
    public static func isHost(_ text: String) -> Bool {
        if IPAddress(Substring(text)) != nil { return true }
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        guard text.count <= 253, let last = labels.last, !last.allSatisfy(\.isNumber) else { return false }
        return labels.allSatisfy { label in
            (1...63).contains(label.count) && label.first != "-" && label.last != "-"
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }

    private func validateCredentials() throws(ParleyError) {
        if let username {
            try Self.require(password != nil, "password", "is required with a username")
            // It is sent in a quoted string of the Authorization header.
            let quotable = username.allSatisfy { ($0.asciiValue ?? 0) >= 0x20 && $0.asciiValue != 0x7F && $0 != "\"" && $0 != "\\" }
            try Self.require(
                (1...128).contains(username.count) && quotable,
                "username", "must be 1 to 128 printable ASCII characters, without quotes or backslashes"
            )
        }
        if let password {
            try Self.require(username != nil, "username", "is required with a password")
            try Self.require((1...128).contains(password.count), "password", "must be 1 to 128 characters")
        }
    }

    private static func require(_ condition: Bool, _ field: String, _ reason: String) throws(ParleyError) {
        if !condition { throw .invalidField(field, reason) }
    }
}

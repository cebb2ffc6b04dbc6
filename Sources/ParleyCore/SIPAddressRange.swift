/// One entry of a SIP trunk's allow-list: an IPv4 or IPv6 address (`203.0.113.5`, `::1`) or a
/// CIDR range of them (`203.0.113.0/24`, `2001:db8::/32`).
///
/// An IPv4-mapped IPv6 address (`::ffff:203.0.113.5`) counts as the IPv4 address, whether it is
/// the range or the address asked about. Bits set past the prefix length are ignored, so
/// `203.0.113.5/24` is `203.0.113.0/24`.
public struct SIPAddressRange: Sendable, Equatable, CustomStringConvertible {
    /// The text it was read from.
    public let description: String
    /// The network's bytes, masked to ``prefixLength``: 4 for IPv4, 16 for IPv6.
    private let network: [UInt8]
    private let prefixLength: Int

    /// Reads an address or a CIDR range; `nil` when `text` is neither.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = IPAddress(parts[0]) else { return nil }
        var length = address.bytes.count * 8
        if parts.count == 2 {
            let prefix = parts[1]
            guard (1...3).contains(prefix.count), prefix.allSatisfy({ $0.isASCII && $0.isNumber }),
                let parsed = Int(prefix), parsed <= length
            else { return nil }
            length = parsed
        }
        var bytes = address.bytes
        if address.isMappedIPv4, length >= 96 {
            bytes = address.unmapped.bytes
            length -= 96
        }
        description = text
        network = Self.masked(bytes, to: length)
        prefixLength = length
    }

    /// Whether `address` (an IPv4 or IPv6 address, brackets allowed around IPv6) is in the range.
    public func contains(_ address: String) -> Bool {
        var text = Substring(address)
        if text.first == "[", text.last == "]" { text = text.dropFirst().dropLast() }
        guard let parsed = IPAddress(text)?.unmapped, parsed.bytes.count == network.count else { return false }
        return Self.masked(parsed.bytes, to: prefixLength) == network
    }

    private static func masked(_ bytes: [UInt8], to prefixLength: Int) -> [UInt8] {
        bytes.enumerated().map { index, byte in
            let kept = min(max(prefixLength - index * 8, 0), 8)
            return byte & ~(UInt8(0xFF) >> kept)
        }
    }
}

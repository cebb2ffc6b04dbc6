/// An IPv4 or IPv6 address read from its text form (`203.0.113.5`, `2001:db8::1`,
/// `::ffff:203.0.113.5`), kept as its bytes.
struct IPAddress: Sendable, Equatable {
    /// 4 bytes for IPv4, 16 for IPv6, in network order.
    let bytes: [UInt8]

    /// Strict dotted-quad IPv4 (no leading zeros) or RFC 4291 IPv6 text, without a zone or brackets.
    init?(_ text: Substring) {
        guard let bytes = Self.ipv4(text) ?? Self.ipv6(text) else { return nil }
        self.bytes = bytes
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Whether this is an IPv4-mapped IPv6 address, `::ffff:a.b.c.d`.
    var isMappedIPv4: Bool {
        bytes.count == 16 && bytes.prefix(10).allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF
    }

    /// The IPv4 address an IPv4-mapped IPv6 address stands for; any other address as it is.
    var unmapped: IPAddress {
        isMappedIPv4 ? IPAddress(bytes: Array(bytes.suffix(4))) : self
    }

    private static func ipv4(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy(\.isASCIIDigit), part.first != "0" || part.count == 1,
                let byte = UInt8(part)
            else { return nil }
            bytes.append(byte)
        }
        return bytes
    }

    private static func ipv6(_ text: Substring) -> [UInt8]? {
        guard text.contains(":") else { return nil }
        let halves = String(text).components(separatedBy: "::")
        switch halves.count {
        case 1:
            guard let bytes = groups(halves[0], ipv4Tail: true), bytes.count == 16 else { return nil }
            return bytes
        case 2:
            // "::" stands for one or more groups of zeros.
            guard let head = groups(halves[0], ipv4Tail: false), let tail = groups(halves[1], ipv4Tail: true),
                head.count + tail.count <= 14
            else { return nil }
            return head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
        default:
            return nil
        }
    }

    /// The bytes of colon-separated hex groups; with `ipv4Tail`, the last may be an IPv4 address.
    private static func groups(_ text: String, ipv4Tail: Bool) -> [UInt8]? {
        guard !text.isEmpty else { return [] }
        let fields = text.split(separator: ":", omittingEmptySubsequences: false)
        var bytes: [UInt8] = []
        for (index, field) in fields.enumerated() {
            if ipv4Tail, index == fields.count - 1, field.contains(".") {
                guard let ipv4 = ipv4(field) else { return nil }
                bytes += ipv4
                continue
            }
            guard (1...4).contains(field.count), field.allSatisfy({ $0.isASCII && $0.isHexDigit }),
                let group = UInt16(field, radix: 16)
            else { return nil }
            bytes += [UInt8(group >> 8), UInt8(group & 0xFF)]
        }
        return bytes
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

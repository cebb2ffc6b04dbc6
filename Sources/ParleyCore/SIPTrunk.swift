import Foundation

/// A SIP trunk of the organisation's (seed 000's "SIP Telephony Integration"): where its calls come
/// from, and how Parley calls out through it.
///
/// An INVITE is accepted on the trunk when it comes from one of ``allowedAddresses``; Parley calls
/// out through ``host`` and ``port``, answering the trunk's digest challenge with ``username`` and
/// ``password``.
public struct SIPTrunk: Sendable, Equatable, Identifiable {
    public static let defaultProvider = "generic"
    public static let defaultPort = 5060

    public var id: UUID
    public var organizationID: UUID
    public var name: String
    /// Free text naming the carrier: `"twilio"`, `"telnyx"`, ``defaultProvider``.
    public var provider: String
    /// The E.164 number outbound calls come from, if the trunk has one.
    public var outboundNumber: String?
    /// The trunk's SIP host for outbound calls: a hostname or an IP address.
    public var host: String?
    public var port: Int
    /// Digest credentials for calling out through the trunk.
    public var username: String?
    /// Write-only: the API says whether there is one, never what it is. Stored as given, since
    /// digest authentication needs it in the clear.
    public var password: String?
    /// IPv4/IPv6 addresses and CIDR ranges (``SIPAddressRange``) from which INVITEs are accepted.
    public var allowedAddresses: [String]
    public var createdAt: Date

    public init(
        id: UUID = UUID(),
        organizationID: UUID,
        name: String,
        provider: String = SIPTrunk.defaultProvider,
        outboundNumber: String? = nil,
        host: String? = nil,
        port: Int = SIPTrunk.defaultPort,
        username: String? = nil,
        password: String? = nil,
        allowedAddresses: [String] = [],
        createdAt: Date = Date()
    ) {
        self.id = id
        self.organizationID = organizationID
        self.name = name
        self.provider = provider
        self.outboundNumber = outboundNumber
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.allowedAddresses = allowedAddresses
        self.createdAt = createdAt
    }

    /// Whether an INVITE from `address` (an IPv4 or IPv6 address) belongs to this trunk.
    public func allows(address: String) -> Bool {
        allowedAddresses.contains { SIPAddressRange($0)?.contains(address) ?? false }
    }
}

import Foundation

/// A stored API key: everything but the secret itself, which is kept only as a hash.
public struct APIKey: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var organizationID: UUID
    public var label: String
    /// The public part of the key (`pk_` plus the lookup id), used to find it and shown in listings.
    public var lookupID: String
    /// SHA-256 of the whole key.
    public var secretHash: [UInt8]
    public var createdAt: Date
    public var revokedAt: Date?

    public init(
        id: UUID = UUID(),
        organizationID: UUID,
        label: String,
        lookupID: String,
        secretHash: [UInt8],
        createdAt: Date = Date(),
        revokedAt: Date? = nil
    ) {
        self.id = id
        self.organizationID = organizationID
        self.label = label
        self.lookupID = lookupID
        self.secretHash = secretHash
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    public var isRevoked: Bool { revokedAt != nil }
    /// What listings show in place of the key: `pk_` and the lookup id, never the secret.
    public var displayPrefix: String { APIKeySecret.prefix + lookupID }
}

extension APIKey {
    /// A new key for `organizationID`: the record to store and the secret to show once.
    public static func issue(organizationID: UUID, label: String, now: Date = Date()) -> (record: APIKey, secret: APIKeySecret) {
        let secret = APIKeySecret.generate()
        let record = APIKey(organizationID: organizationID, label: label, lookupID: secret.lookupID, secretHash: secret.hash, createdAt: now)
        return (record, secret)
    }
}

import Foundation
import ParleyCore
import PostgresNIO

extension PostgresStore {
    public func organization(named name: String, createIfMissing: Bool) async throws -> Organization? {
        if createIfMissing {
            let candidate = Organization(name: name)
            try await client.query(
                "INSERT INTO organizations (id, name, created_at) VALUES (\(candidate.id), \(name), \(candidate.createdAt)) ON CONFLICT (name) DO NOTHING",
                logger: logger
            )
        }
        return try await row("SELECT * FROM organizations WHERE name = \(name)").map(Organization.init(row:))
    }

    public func organization(id: UUID) async throws -> Organization? {
        try await row("SELECT * FROM organizations WHERE id = \(id)").map(Organization.init(row:))
    }

    public func twilioAuthToken(organizationID: UUID) async throws -> String? {
        try await row("SELECT twilio_auth_token FROM organizations WHERE id = \(organizationID)")?.get("twilio_auth_token")
    }

    public func setTwilioAuthToken(_ token: String?, organizationID: UUID) async throws {
        try await client.query("UPDATE organizations SET twilio_auth_token = \(token) WHERE id = \(organizationID)", logger: logger)
    }

    public func insertAPIKey(_ key: APIKey) async throws {
        try await client.query(
            """
            INSERT INTO api_keys (id, organization_id, label, lookup_id, secret_hash, created_at, revoked_at)
            VALUES (\(key.id), \(key.organizationID), \(key.label), \(key.lookupID), \(Data(key.secretHash)), \(key.createdAt), \(key.revokedAt))
            """,
            logger: logger
        )
    }

    public func apiKey(lookupID: String) async throws -> APIKey? {
        try await row("SELECT * FROM api_keys WHERE lookup_id = \(lookupID)").map(APIKey.init(row:))
    }

    public func apiKeys(organizationID: UUID) async throws -> [APIKey] {
        try await rows("SELECT * FROM api_keys WHERE organization_id = \(organizationID) ORDER BY created_at").map(APIKey.init(row:))
    }

    public func revokeAPIKey(id: UUID, organizationID: UUID, at: Date) async throws -> Bool {
        try await row(
            """
            UPDATE api_keys SET revoked_at = COALESCE(revoked_at, \(at))
            WHERE id = \(id) AND organization_id = \(organizationID) RETURNING id
            """
        ) != nil
    }
}

extension Organization {
    fileprivate init(row: PostgresRandomAccessRow) throws {
        self.init(id: try row.get("id"), name: try row.get("name"), createdAt: try row.get("created_at"))
    }
}

extension APIKey {
    fileprivate init(row: PostgresRandomAccessRow) throws {
        self.init(
            id: try row.get("id"),
            organizationID: try row.get("organization_id"),
            label: try row.get("label"),
            lookupID: try row.get("lookup_id"),
            secretHash: Array(try row.get("secret_hash", as: Data.self)),
            createdAt: try row.get("created_at"),
            revokedAt: try row.get("revoked_at")
        )
    }
}

import Foundation
import GRDB
import ParleyCore

extension SQLiteStore {
    public func organization(named name: String, createIfMissing: Bool) async throws -> Organization? {
        try await pool.write { db in
            if let row = try db.row("SELECT * FROM organizations WHERE name = ?", [name]) {
                return Organization(row: row)
            }
            guard createIfMissing else { return nil }
            let organization = Organization(name: name)
            try db.run(
                "INSERT INTO organizations (id, name, created_at) VALUES (?, ?, ?)",
                [organization.id.lowercasedString, name, organization.createdAt.sqliteValue]
            )
            return organization
        }
    }

    public func organization(id: UUID) async throws -> Organization? {
        try await pool.read { db in
            try db.row("SELECT * FROM organizations WHERE id = ?", [id.lowercasedString]).map(Organization.init(row:))
        }
    }

    public func twilioAuthToken(organizationID: UUID) async throws -> String? {
        try await pool.read { db in
            try db.row("SELECT twilio_auth_token FROM organizations WHERE id = ?", [organizationID.lowercasedString])?["twilio_auth_token"]
        }
    }

    public func setTwilioAuthToken(_ token: String?, organizationID: UUID) async throws {
        try await pool.write { db in
            try db.run("UPDATE organizations SET twilio_auth_token = ? WHERE id = ?", [token, organizationID.lowercasedString])
        }
    }

    public func insertAPIKey(_ key: APIKey) async throws {
        try await pool.write { db in
            try db.run(
                """
                INSERT INTO api_keys (id, organization_id, label, lookup_id, secret_hash, created_at, revoked_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    key.id.lowercasedString, key.organizationID.lowercasedString, key.label, key.lookupID,
                    Data(key.secretHash), key.createdAt.sqliteValue, key.revokedAt?.sqliteValue,
                ]
            )
        }
    }

    public func apiKey(lookupID: String) async throws -> APIKey? {
        try await pool.read { db in
            try db.row("SELECT * FROM api_keys WHERE lookup_id = ?", [lookupID]).map(APIKey.init(row:))
        }
    }

    public func apiKeys(organizationID: UUID) async throws -> [APIKey] {
        try await pool.read { db in
            try db.rows("SELECT * FROM api_keys WHERE organization_id = ? ORDER BY created_at", [organizationID.lowercasedString])
                .map(APIKey.init(row:))
        }
    }

    public func revokeAPIKey(id: UUID, organizationID: UUID, at: Date) async throws -> Bool {
        try await pool.write { db in
            try db.changes(
                "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ? AND organization_id = ?",
                [at.sqliteValue, id.lowercasedString, organizationID.lowercasedString]
            ) > 0
        }
    }
}

extension Organization {
    fileprivate init(row: Row) {
        self.init(id: row.uuid("id"), name: row["name"], createdAt: row.date("created_at"))
    }
}

extension APIKey {
    fileprivate init(row: Row) {
        self.init(
            id: row.uuid("id"),
            organizationID: row.uuid("organization_id"),
            label: row["label"],
            lookupID: row["lookup_id"],
            secretHash: Array(row["secret_hash"] as Data),
            createdAt: row.date("created_at"),
            revokedAt: row.optionalDate("revoked_at")
        )
    }
}

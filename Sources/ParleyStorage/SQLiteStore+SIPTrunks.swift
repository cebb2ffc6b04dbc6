import Foundation
import GRDB
import ParleyCore

extension SQLiteStore {
    public func insertSIPTrunk(_ trunk: SIPTrunk) async throws {
        let addresses = try SIPTrunk.encodeAddresses(trunk.allowedAddresses)
        try await pool.write { db in
            try db.run(
                """
                INSERT INTO sip_trunks (id, organization_id, name, provider, outbound_number, host, port, username, password, allowed_addresses, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    trunk.id.lowercasedString, trunk.organizationID.lowercasedString, trunk.name, trunk.provider, trunk.outboundNumber,
                    trunk.host, trunk.port, trunk.username, trunk.password, addresses, trunk.createdAt.sqliteValue,
                ]
            )
        }
    }

    public func sipTrunks(organizationID: UUID) async throws -> [SIPTrunk] {
        try await pool.read { db in
            try db.rows("SELECT * FROM sip_trunks WHERE organization_id = ? ORDER BY created_at, id", [organizationID.lowercasedString])
                .map(SIPTrunk.init(row:))
        }
    }

    public func sipTrunk(id: UUID, organizationID: UUID) async throws -> SIPTrunk? {
        try await pool.read { db in
            try db.row("SELECT * FROM sip_trunks WHERE id = ? AND organization_id = ?", [id.lowercasedString, organizationID.lowercasedString])
                .map(SIPTrunk.init(row:))
        }
    }

    public func deleteSIPTrunk(id: UUID, organizationID: UUID) async throws -> Bool {
        // The trunk's dispatch rules go with it (ON DELETE CASCADE).
        try await pool.write { db in
            try db.changes("DELETE FROM sip_trunks WHERE id = ? AND organization_id = ?", [id.lowercasedString, organizationID.lowercasedString]) > 0
        }
    }

    public func sipTrunks(allowing address: String) async throws -> [SIPTrunk] {
        try await pool.read { db in
            try db.rows("SELECT * FROM sip_trunks WHERE allowed_addresses <> '[]' ORDER BY created_at, id").map(SIPTrunk.init(row:))
        }.filter { $0.allows(address: address) }
    }
}

extension SIPTrunk {
    /// SQLite keeps the allowed addresses as a JSON array of strings.
    fileprivate static func encodeAddresses(_ addresses: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(addresses), as: UTF8.self)
    }

    fileprivate init(row: Row) throws {
        self.init(
            id: row.uuid("id"),
            organizationID: row.uuid("organization_id"),
            name: row["name"],
            provider: row["provider"],
            outboundNumber: row["outbound_number"],
            host: row["host"],
            port: row["port"],
            username: row["username"],
            password: row["password"],
            allowedAddresses: try JSONDecoder().decode([String].self, from: Data((row["allowed_addresses"] as String).utf8)),
            createdAt: row.date("created_at")
        )
    }
}

import Foundation
import GRDB
import ParleyCore

extension SQLiteStore {
    public func insertAgentChannel(_ channel: AgentChannel) async throws {
        try await pool.write { db in
            let inserted = try db.changes(
                """
                INSERT INTO agent_channels (id, organization_id, phone_number, agent_id, created_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (organization_id, phone_number) DO NOTHING
                """,
                [
                    channel.id.lowercasedString, channel.organizationID.lowercasedString, channel.phoneNumber,
                    channel.agentID.lowercasedString, channel.createdAt.sqliteValue,
                ]
            )
            guard inserted > 0 else { throw ParleyError.conflict("The number \(channel.phoneNumber) already has an agent") }
        }
    }

    public func agentChannels(organizationID: UUID) async throws -> [AgentChannel] {
        try await pool.read { db in
            try db.rows("SELECT * FROM agent_channels WHERE organization_id = ? ORDER BY created_at, id", [organizationID.lowercasedString])
                .map(AgentChannel.init(row:))
        }
    }

    public func agentChannel(phoneNumber: String, organizationID: UUID) async throws -> AgentChannel? {
        try await pool.read { db in
            try db.row(
                "SELECT * FROM agent_channels WHERE organization_id = ? AND phone_number = ?",
                [organizationID.lowercasedString, phoneNumber]
            ).map(AgentChannel.init(row:))
        }
    }

    public func deleteAgentChannel(id: UUID, organizationID: UUID) async throws -> Bool {
        try await pool.write { db in
            try db.changes("DELETE FROM agent_channels WHERE id = ? AND organization_id = ?", [id.lowercasedString, organizationID.lowercasedString]) > 0
        }
    }
}

extension AgentChannel {
    fileprivate init(row: Row) {
        self.init(
            id: row.uuid("id"),
            organizationID: row.uuid("organization_id"),
            phoneNumber: row["phone_number"],
            agentID: row.uuid("agent_id"),
            createdAt: row.date("created_at")
        )
    }
}

import Foundation
import GRDB
import ParleyCore

extension SQLiteStore {
    public func insertSIPDispatchRule(_ rule: SIPDispatchRule) async throws {
        try await pool.write { db in
            // Written only when the agents and the trunk it names are the organisation's.
            let inserted = try db.changes(
                """
                INSERT INTO sip_dispatch_rules (id, organization_id, name, called_number, trunk_id, agent_id, fallback_agent_id, created_at)
                SELECT :id, :organization, :name, :number, :trunk, :agent, :fallback, :createdAt
                WHERE EXISTS (SELECT 1 FROM agents WHERE id = :agent AND organization_id = :organization)
                  AND (:fallback IS NULL OR EXISTS (SELECT 1 FROM agents WHERE id = :fallback AND organization_id = :organization))
                  AND (:trunk IS NULL OR EXISTS (SELECT 1 FROM sip_trunks WHERE id = :trunk AND organization_id = :organization))
                """,
                [
                    "id": rule.id.lowercasedString, "organization": rule.organizationID.lowercasedString, "name": rule.name,
                    "number": rule.calledNumber, "trunk": rule.trunkID?.lowercasedString, "agent": rule.agentID.lowercasedString,
                    "fallback": rule.fallbackAgentID?.lowercasedString, "createdAt": rule.createdAt.sqliteValue,
                ]
            )
            guard inserted > 0 else { throw ParleyError.notFound("Agent or SIP trunk not found") }
        }
    }

    public func sipDispatchRules(organizationID: UUID) async throws -> [SIPDispatchRule] {
        try await pool.read { db in
            try db.rows("SELECT * FROM sip_dispatch_rules WHERE organization_id = ? ORDER BY created_at, id", [organizationID.lowercasedString])
                .map(SIPDispatchRule.init(row:))
        }
    }

    public func sipDispatchRule(id: UUID, organizationID: UUID) async throws -> SIPDispatchRule? {
        try await pool.read { db in
            try db.row("SELECT * FROM sip_dispatch_rules WHERE id = ? AND organization_id = ?", [id.lowercasedString, organizationID.lowercasedString])
                .map(SIPDispatchRule.init(row:))
        }
    }

    public func deleteSIPDispatchRule(id: UUID, organizationID: UUID) async throws -> Bool {
        try await pool.write { db in
            try db.changes("DELETE FROM sip_dispatch_rules WHERE id = ? AND organization_id = ?", [id.lowercasedString, organizationID.lowercasedString]) > 0
        }
    }
}

extension SIPDispatchRule {
    fileprivate init(row: Row) {
        self.init(
            id: row.uuid("id"),
            organizationID: row.uuid("organization_id"),
            name: row["name"],
            calledNumber: row["called_number"],
            trunkID: (row["trunk_id"] as String?).flatMap(UUID.init(uuidString:)),
            agentID: row.uuid("agent_id"),
            fallbackAgentID: (row["fallback_agent_id"] as String?).flatMap(UUID.init(uuidString:)),
            createdAt: row.date("created_at")
        )
    }
}

import Foundation
import ParleyCore
import PostgresNIO

extension PostgresStore {
    public func insertSIPDispatchRule(_ rule: SIPDispatchRule) async throws {
        // Written only when the agents and the trunk it names are the organisation's.
        let organization = rule.organizationID
        let inserted = try await row(
            """
            INSERT INTO sip_dispatch_rules (id, organization_id, name, called_number, trunk_id, agent_id, fallback_agent_id, created_at)
            SELECT \(rule.id), \(organization), \(rule.name), \(rule.calledNumber), \(rule.trunkID)::uuid, \(rule.agentID),
                   \(rule.fallbackAgentID)::uuid, \(rule.createdAt)
            WHERE EXISTS (SELECT 1 FROM agents WHERE id = \(rule.agentID) AND organization_id = \(organization))
              AND (\(rule.fallbackAgentID)::uuid IS NULL
                   OR EXISTS (SELECT 1 FROM agents WHERE id = \(rule.fallbackAgentID)::uuid AND organization_id = \(organization)))
              AND (\(rule.trunkID)::uuid IS NULL
                   OR EXISTS (SELECT 1 FROM sip_trunks WHERE id = \(rule.trunkID)::uuid AND organization_id = \(organization)))
            RETURNING id
            """
        )
        guard inserted != nil else { throw ParleyError.notFound("Agent or SIP trunk not found") }
    }

    public func sipDispatchRules(organizationID: UUID) async throws -> [SIPDispatchRule] {
        try await rows("SELECT * FROM sip_dispatch_rules WHERE organization_id = \(organizationID) ORDER BY created_at, id")
            .map(SIPDispatchRule.init(row:))
    }

    public func sipDispatchRule(id: UUID, organizationID: UUID) async throws -> SIPDispatchRule? {
        try await row("SELECT * FROM sip_dispatch_rules WHERE id = \(id) AND organization_id = \(organizationID)")
            .map(SIPDispatchRule.init(row:))
    }

    public func deleteSIPDispatchRule(id: UUID, organizationID: UUID) async throws -> Bool {
        try await row("DELETE FROM sip_dispatch_rules WHERE id = \(id) AND organization_id = \(organizationID) RETURNING id") != nil
    }
}

extension SIPDispatchRule {
    fileprivate init(row: PostgresRandomAccessRow) throws {
        self.init(
            id: try row.get("id"),
            organizationID: try row.get("organization_id"),
            name: try row.get("name"),
            calledNumber: try row.get("called_number"),
            trunkID: try row.get("trunk_id"),
            agentID: try row.get("agent_id"),
            fallbackAgentID: try row.get("fallback_agent_id"),
            createdAt: try row.get("created_at")
        )
    }
}

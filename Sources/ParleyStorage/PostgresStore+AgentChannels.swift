import Foundation
import ParleyCore
import PostgresNIO

extension PostgresStore {
    public func insertAgentChannel(_ channel: AgentChannel) async throws {
        let inserted = try await row(
            """
            INSERT INTO agent_channels (id, organization_id, phone_number, agent_id, created_at)
            VALUES (\(channel.id), \(channel.organizationID), \(channel.phoneNumber), \(channel.agentID), \(channel.createdAt))
            ON CONFLICT (organization_id, phone_number) DO NOTHING RETURNING id
            """
        )
        guard inserted != nil else { throw ParleyError.conflict("The number \(channel.phoneNumber) already has an agent") }
    }

    public func agentChannels(organizationID: UUID) async throws -> [AgentChannel] {
        try await rows("SELECT * FROM agent_channels WHERE organization_id = \(organizationID) ORDER BY created_at, id")
            .map(AgentChannel.init(row:))
    }

    public func agentChannel(phoneNumber: String, organizationID: UUID) async throws -> AgentChannel? {
        try await row("SELECT * FROM agent_channels WHERE organization_id = \(organizationID) AND phone_number = \(phoneNumber)")
            .map(AgentChannel.init(row:))
    }

    public func deleteAgentChannel(id: UUID, organizationID: UUID) async throws -> Bool {
        try await row("DELETE FROM agent_channels WHERE id = \(id) AND organization_id = \(organizationID) RETURNING id") != nil
    }
}

extension AgentChannel {
    fileprivate init(row: PostgresRandomAccessRow) throws {
        self.init(
            id: try row.get("id"),
            organizationID: try row.get("organization_id"),
            phoneNumber: try row.get("phone_number"),
            agentID: try row.get("agent_id"),
            createdAt: try row.get("created_at")
        )
    }
}

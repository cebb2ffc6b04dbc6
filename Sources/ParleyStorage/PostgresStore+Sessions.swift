import Foundation
import ParleyCore
import PostgresNIO

extension PostgresStore {
    public func openConversation(organizationID: UUID, agentID: UUID, key: String, now: Date, ttl: TimeInterval) async throws -> Conversation {
        let candidate = Conversation(organizationID: organizationID, agentID: agentID, key: key, createdAt: now, expiresAt: now.addingTimeInterval(ttl))
        // One statement, so concurrent openers agree: a live conversation is kept (and extended),
        // an expired one is replaced by the candidate.
        let row = try await row(
            """
            INSERT INTO conversations AS c (id, organization_id, agent_id, key, created_at, expires_at)
            VALUES (\(candidate.id), \(organizationID), \(agentID), \(key), \(now), \(candidate.expiresAt))
            ON CONFLICT (organization_id, key) DO UPDATE SET
                id = CASE WHEN c.expires_at > \(now) THEN c.id ELSE EXCLUDED.id END,
                created_at = CASE WHEN c.expires_at > \(now) THEN c.created_at ELSE EXCLUDED.created_at END,
                agent_id = EXCLUDED.agent_id,
                expires_at = EXCLUDED.expires_at
            RETURNING id, created_at
            """
        )!
        var conversation = candidate
        conversation.id = try row.get("id")
        conversation.createdAt = try row.get("created_at")
        return conversation
    }

    public func recordSessionToken(id: String, organizationID: UUID, expiresAt: Date) async throws {
        try await client.query(
            "INSERT INTO session_tokens (id, organization_id, expires_at) VALUES (\(id), \(organizationID), \(expiresAt))",
            logger: logger
        )
    }

    public func consumeSessionToken(id: String, at: Date) async throws -> SessionTokenUse {
        if try await row("UPDATE session_tokens SET consumed_at = \(at) WHERE id = \(id) AND consumed_at IS NULL RETURNING id") != nil {
            return .admitted
        }
        return try await row("SELECT id FROM session_tokens WHERE id = \(id)") == nil ? .unknown : .alreadyUsed
    }
}

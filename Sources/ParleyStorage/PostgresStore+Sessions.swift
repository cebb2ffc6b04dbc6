import Foundation
import Logging
import ParleyCore
import PostgresNIO

extension PostgresStore {
    public func openConversation(organizationID: UUID, agentID: UUID, key: String, now: Date, ttl: TimeInterval) async throws -> Conversation {
        let candidate = Conversation(organizationID: organizationID, agentID: agentID, key: key, createdAt: now, expiresAt: now.addingTimeInterval(ttl))
        return try await transaction { connection in
            // An expired conversation with the same key goes first, with its history (by cascade):
            // nothing of it may reach the conversation that replaces it.
            try await connection.query(
                "DELETE FROM conversations WHERE organization_id = \(organizationID) AND key = \(key) AND expires_at <= \(now)",
                logger: logger
            )
            // One statement, so concurrent openers agree: a live conversation is kept (and extended),
            // else the candidate is inserted. (An expired row can only be met here if a node with a
            // clock far behind inserted it meanwhile; changing its id then fails on its history's
            // foreign key rather than handing that history on.)
            let row = try await connection.query(
                """
                INSERT INTO conversations AS c (id, organization_id, agent_id, key, created_at, expires_at)
                VALUES (\(candidate.id), \(organizationID), \(agentID), \(key), \(now), \(candidate.expiresAt))
                ON CONFLICT (organization_id, key) DO UPDATE SET
                    id = CASE WHEN c.expires_at > \(now) THEN c.id ELSE EXCLUDED.id END,
                    created_at = CASE WHEN c.expires_at > \(now) THEN c.created_at ELSE EXCLUDED.created_at END,
                    agent_id = EXCLUDED.agent_id,
                    expires_at = EXCLUDED.expires_at
                RETURNING id, created_at
                """,
                logger: logger
            ).collect().first!.makeRandomAccess()
            var conversation = candidate
            conversation.id = try row.get("id")
            conversation.createdAt = try row.get("created_at")
            return conversation
        }
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

    public func purgeExpired(now: Date) async throws -> PurgeCounts {
        try await transaction { connection in
            // The conversations are locked before their messages are touched, in the order that
            // opening and appending lock them (conversation, then messages), so that a purge never
            // deadlocks with them.
            _ = try await Self.count(
                "SELECT count(*) FROM (SELECT id FROM conversations WHERE expires_at <= \(now) FOR UPDATE) AS expired",
                on: connection, logger: logger
            )
            // Messages before conversations (rather than by cascade) so that they can be counted.
            let messages = try await Self.count(
                """
                WITH deleted AS (
                    DELETE FROM conversation_messages
                    WHERE conversation_id IN (SELECT id FROM conversations WHERE expires_at <= \(now)) RETURNING 1
                ) SELECT count(*) FROM deleted
                """,
                on: connection, logger: logger
            )
            let conversations = try await Self.count(
                "WITH deleted AS (DELETE FROM conversations WHERE expires_at <= \(now) RETURNING 1) SELECT count(*) FROM deleted",
                on: connection, logger: logger
            )
            let sessionTokens = try await Self.count(
                "WITH deleted AS (DELETE FROM session_tokens WHERE expires_at <= \(now) RETURNING 1) SELECT count(*) FROM deleted",
                on: connection, logger: logger
            )
            return PurgeCounts(conversations: conversations, messages: messages, sessionTokens: sessionTokens)
        }
    }

    /// The single `count(*)` a query answers.
    private static func count(_ query: PostgresQuery, on connection: PostgresConnection, logger: Logger) async throws -> Int {
        Int(try await connection.query(query, logger: logger).collect().first?.decode(Int64.self) ?? 0)
    }
}

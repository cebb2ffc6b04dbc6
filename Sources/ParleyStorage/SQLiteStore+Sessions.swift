import Foundation
import GRDB
import ParleyCore

extension SQLiteStore {
    public func openConversation(organizationID: UUID, agentID: UUID, key: String, now: Date, ttl: TimeInterval) async throws -> Conversation {
        try await pool.write { db in
            let expiresAt = now.addingTimeInterval(ttl)
            if let row = try db.row(
                "SELECT * FROM conversations WHERE organization_id = ? AND key = ? AND expires_at > ?",
                [organizationID.lowercasedString, key, now.sqliteValue]
            ) {
                try db.run("UPDATE conversations SET expires_at = ?, agent_id = ? WHERE id = ?", [expiresAt.sqliteValue, agentID.lowercasedString, row["id"] as String])
                return Conversation(
                    id: row.uuid("id"), organizationID: organizationID, agentID: agentID, key: key,
                    createdAt: row.date("created_at"), expiresAt: expiresAt
                )
            }
            // An expired conversation with the same key is replaced: it goes, with its history.
            try db.run(
                """
                DELETE FROM conversation_messages
                WHERE conversation_id IN (SELECT id FROM conversations WHERE organization_id = ? AND key = ?)
                """,
                [organizationID.lowercasedString, key]
            )
            try db.run("DELETE FROM conversations WHERE organization_id = ? AND key = ?", [organizationID.lowercasedString, key])
            let conversation = Conversation(organizationID: organizationID, agentID: agentID, key: key, createdAt: now, expiresAt: expiresAt)
            try db.run(
                "INSERT INTO conversations (id, organization_id, agent_id, key, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
                [conversation.id.lowercasedString, organizationID.lowercasedString, agentID.lowercasedString, key, now.sqliteValue, expiresAt.sqliteValue]
            )
            return conversation
        }
    }

    public func recordSessionToken(id: String, organizationID: UUID, expiresAt: Date) async throws {
        try await pool.write { db in
            try db.run(
                "INSERT INTO session_tokens (id, organization_id, expires_at) VALUES (?, ?, ?)",
                [id, organizationID.lowercasedString, expiresAt.sqliteValue]
            )
        }
    }

    public func consumeSessionToken(id: String, at: Date) async throws -> SessionTokenUse {
        try await pool.write { db in
            if try db.changes("UPDATE session_tokens SET consumed_at = ? WHERE id = ? AND consumed_at IS NULL", [at.sqliteValue, id]) > 0 {
                return .admitted
            }
            return try db.row("SELECT 1 FROM session_tokens WHERE id = ?", [id]) == nil ? .unknown : .alreadyUsed
        }
    }

    public func purgeExpired(now: Date) async throws -> PurgeCounts {
        try await pool.write { db in
            // Messages first (rather than by cascade) so that they can be counted.
            let messages = try db.changes(
                "DELETE FROM conversation_messages WHERE conversation_id IN (SELECT id FROM conversations WHERE expires_at <= ?)",
                [now.sqliteValue]
            )
            return PurgeCounts(
                conversations: try db.changes("DELETE FROM conversations WHERE expires_at <= ?", [now.sqliteValue]),
                messages: messages,
                sessionTokens: try db.changes("DELETE FROM session_tokens WHERE expires_at <= ?", [now.sqliteValue])
            )
        }
    }
}

import Foundation
import GRDB
import ParleyCore

extension SQLiteStore {
    public func appendConversationMessage(_ message: ConversationMessage, conversationID: UUID) async throws {
        try await pool.write { db in
            guard try db.row("SELECT 1 FROM conversations WHERE id = ?", [conversationID.lowercasedString]) != nil
            else { throw ParleyError.notFound("Conversation not found") }
            // Writes are serialised, so the next sequence number is never taken twice.
            try db.run(
                """
                INSERT INTO conversation_messages (conversation_id, seq, role, text, at)
                VALUES (?, (SELECT COALESCE(MAX(seq), -1) + 1 FROM conversation_messages WHERE conversation_id = ?), ?, ?, ?)
                """,
                [conversationID.lowercasedString, conversationID.lowercasedString, message.role.rawValue, message.text, message.at.sqliteValue]
            )
        }
    }

    public func conversationMessages(conversationID: UUID, limit: Int?) async throws -> [ConversationMessage] {
        try await pool.read { db in
            // The most recent `limit` (all of them for -1, SQLite's "no limit"), then back in order.
            try db.rows(
                """
                SELECT role, text, at FROM (
                    SELECT seq, role, text, at FROM conversation_messages WHERE conversation_id = ? ORDER BY seq DESC LIMIT ?
                ) ORDER BY seq
                """,
                [conversationID.lowercasedString, limit.map { max(0, $0) } ?? -1]
            ).map { row in
                ConversationMessage(role: TurnRole(rawValue: row["role"]) ?? .system, text: row["text"], at: row.date("at"))
            }
        }
    }
}

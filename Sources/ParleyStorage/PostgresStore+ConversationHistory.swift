import Foundation
import ParleyCore
import PostgresNIO

extension PostgresStore {
    public func appendConversationMessage(_ message: ConversationMessage, conversationID: UUID) async throws {
        // The row lock on the conversation serialises concurrent appends, so sequence numbers never collide.
        try await transaction { connection in
            let found = try await connection.query(
                "SELECT id FROM conversations WHERE id = \(conversationID) FOR UPDATE",
                logger: logger
            ).collect()
            guard !found.isEmpty else { throw ParleyError.notFound("Conversation not found") }
            try await connection.query(
                """
                INSERT INTO conversation_messages (conversation_id, seq, role, text, at)
                VALUES (\(conversationID), (SELECT COALESCE(MAX(seq), -1) + 1 FROM conversation_messages WHERE conversation_id = \(conversationID)),
                        \(message.role.rawValue), \(message.text), \(message.at))
                """,
                logger: logger
            )
        }
    }

    public func conversationMessages(conversationID: UUID, limit: Int?) async throws -> [ConversationMessage] {
        // The most recent `limit` (all of them for NULL), then back in order.
        let limit = limit.map { max(0, $0) }
        return try await rows(
            """
            SELECT role, text, at FROM (
                SELECT seq, role, text, at FROM conversation_messages WHERE conversation_id = \(conversationID)
                ORDER BY seq DESC LIMIT \(limit)
            ) AS recent ORDER BY seq
            """
        ).map { row in
            ConversationMessage(role: TurnRole(rawValue: try row.get("role")) ?? .system, text: try row.get("text"), at: try row.get("at"))
        }
    }
}

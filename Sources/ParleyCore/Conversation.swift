import Foundation

/// A conversation that outlives a single connection: the same `chat_id` (seed 000) or
/// `session_id` (seed 002) comes back to it until it expires.
public struct Conversation: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var organizationID: UUID
    public var agentID: UUID
    /// The client's key for it (`chat_id`).
    public var key: String
    public var createdAt: Date
    public var expiresAt: Date

    public init(id: UUID = UUID(), organizationID: UUID, agentID: UUID, key: String, createdAt: Date, expiresAt: Date) {
        self.id = id
        self.organizationID = organizationID
        self.agentID = agentID
        self.key = key
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

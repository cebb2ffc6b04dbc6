import Foundation

/// A tenant: it owns API keys, agents, calls and a credit ledger.
///
/// Seed 000 calls it a "workspace"; its `workspace_id` is ``id``.
public struct Organization: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var name: String
    public var createdAt: Date

    public init(id: UUID = UUID(), name: String, createdAt: Date = Date()) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
    }
}

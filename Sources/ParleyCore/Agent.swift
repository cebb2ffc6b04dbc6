import Foundation

/// An agent as stored: its settings and who owns it.
public struct Agent: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var organizationID: UUID
    public var settings: AgentSettings
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID = UUID(),
        organizationID: UUID,
        settings: AgentSettings,
        createdAt: Date = Date(),
        updatedAt: Date? = nil
    ) {
        self.id = id
        self.organizationID = organizationID
        self.settings = settings
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }
}

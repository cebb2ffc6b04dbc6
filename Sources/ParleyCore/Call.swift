import Foundation

/// One voice session with an agent, from connect to hang-up.
public struct Call: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var organizationID: UUID
    public var agentID: UUID
    public var transport: CallTransport
    public var status: CallStatus
    public var startedAt: Date
    public var endedAt: Date?

    public init(
        id: UUID = UUID(),
        organizationID: UUID,
        agentID: UUID,
        transport: CallTransport,
        status: CallStatus = .active,
        startedAt: Date = Date(),
        endedAt: Date? = nil
    ) {
        self.id = id
        self.organizationID = organizationID
        self.agentID = agentID
        self.transport = transport
        self.status = status
        self.startedAt = startedAt
        self.endedAt = endedAt
    }

    /// Seconds from start to end; `nil` while the call is still going.
    public var durationSeconds: Double? {
        endedAt.map { $0.timeIntervalSince(startedAt) }
    }
}

/// How the caller reached the agent.
public enum CallTransport: String, Sendable, CaseIterable, Codable {
    case websocket, webrtc, twilio, sip
}

/// Where a call is in its life.
public enum CallStatus: String, Sendable, CaseIterable, Codable {
    case active, completed, failed
}

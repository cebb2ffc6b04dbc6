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
    /// For a phone call: the telephone side's ids and numbers.
    public var line: PhoneLine?
    /// The keys the caller pressed (DTMF), in order.
    public var digits: String

    public init(
        id: UUID = UUID(),
        organizationID: UUID,
        agentID: UUID,
        transport: CallTransport,
        status: CallStatus = .active,
        startedAt: Date = Date(),
        endedAt: Date? = nil,
        line: PhoneLine? = nil,
        digits: String = ""
    ) {
        self.id = id
        self.organizationID = organizationID
        self.agentID = agentID
        self.transport = transport
        self.status = status
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.line = line
        self.digits = digits
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

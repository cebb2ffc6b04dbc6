import Foundation

/// One utterance in a call's transcript.
public struct CallTurn: Sendable, Equatable {
    public var role: TurnRole
    public var text: String
    public var at: Date
    /// Pipeline timings for an agent turn; `nil` for caller turns and where not measured.
    public var latency: TurnLatency?

    public init(role: TurnRole, text: String, at: Date = Date(), latency: TurnLatency? = nil) {
        self.role = role
        self.text = text
        self.at = at
        self.latency = latency
    }
}

/// Who spoke a turn.
public enum TurnRole: String, Sendable, CaseIterable, Codable {
    case user, assistant, system
}

/// Milliseconds from the end of the caller's speech to each pipeline stage of the reply.
public struct TurnLatency: Sendable, Equatable, Codable {
    public var transcriptMs: Double?
    public var firstTokenMs: Double?
    public var firstAudioMs: Double?
    public var firstByteSentMs: Double?

    public init(transcriptMs: Double? = nil, firstTokenMs: Double? = nil, firstAudioMs: Double? = nil, firstByteSentMs: Double? = nil) {
        self.transcriptMs = transcriptMs
        self.firstTokenMs = firstTokenMs
        self.firstAudioMs = firstAudioMs
        self.firstByteSentMs = firstByteSentMs
    }
}

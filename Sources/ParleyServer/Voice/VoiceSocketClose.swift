import NIOWebSocket

/// Why a voice socket is closed, with seed 002's close codes.
struct VoiceSocketClose: Error, Sendable, Equatable {
    let code: UInt16
    let reason: String

    /// 4001: no key, or a wrong or revoked one.
    static let unauthorized = Self(code: 4001, reason: "Unauthorized")
    /// 4003: the agent's language model is not among the server's allowed models.
    static let modelNotAllowed = Self(code: 4003, reason: "Model not allowed")
    /// 4004: an engine the agent needs cannot be had (not installed, or its provider is down).
    static func providerUnavailable(_ detail: String) -> Self { Self(code: 4004, reason: "Provider not found/inactive: \(detail)") }
    /// 4005: no such agent (or another organisation's, or one that cannot take voice calls).
    static func agentNotFound(_ detail: String = "Agent not found") -> Self { Self(code: 4005, reason: detail) }
    /// 4029: more than the allowed connections a minute for this key.
    static let rateLimited = Self(code: 4029, reason: "Rate limited")
    /// 4002, Parley's own (seed 002 names none): no credits left, as HTTP's 402 elsewhere.
    static let insufficientCredits = Self(code: 4002, reason: "Insufficient credits")
    /// 1008: the request itself is unusable (a bad query parameter).
    static func badRequest(_ detail: String) -> Self { Self(code: 1008, reason: detail) }
    /// 1000: the call is over.
    static let normal = Self(code: 1000, reason: "Call ended")

    var errorCode: WebSocketErrorCode { WebSocketErrorCode(codeNumber: Int(code)) }
}

/// The one error Parley reports to its callers.
///
/// Every HTTP error answers `{"detail": ..., "code": ...}` with ``status``; the `detail` strings of
/// the seed documents are used verbatim where they give one.
public struct ParleyError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: String, Sendable {
        case invalidJSON = "invalid_json"
        case missingField = "missing_field"
        case invalidField = "invalid_field"
        case unknownField = "unknown_field"
        case missingAPIKey = "missing_api_key"
        case invalidAPIKey = "invalid_api_key"
        case invalidSessionToken = "invalid_session_token"
        case invalidSignature = "invalid_signature"
        case sessionTokenUsed = "session_token_used"
        case insufficientCredits = "insufficient_credits"
        case notFound = "not_found"
        case agentNotFound = "agent_not_found"
        case agentNotVoice = "agent_not_voice"
        case agentInactive = "agent_inactive"
        case conflict = "conflict"
        case methodNotAllowed = "method_not_allowed"
        case payloadTooLarge = "payload_too_large"
        case unsupportedMediaType = "unsupported_media_type"
        case rateLimited = "rate_limited"
        case voiceSessionFailed = "voice_session_failed"
        case internalError = "internal_error"

        var status: Int {
            switch self {
            case .invalidJSON, .missingField, .agentNotVoice, .agentInactive: 400
            case .missingAPIKey, .invalidAPIKey, .invalidSessionToken, .sessionTokenUsed: 401
            case .insufficientCredits: 402
            case .invalidSignature: 403
            case .notFound, .agentNotFound: 404
            case .methodNotAllowed: 405
            case .conflict: 409
            case .payloadTooLarge: 413
            case .unsupportedMediaType: 415
            case .invalidField, .unknownField: 422
            case .rateLimited: 429
            case .voiceSessionFailed, .internalError: 500
            }
        }
    }

    private let code: Code
    /// The human-readable message, safe to show to the caller.
    public let detail: String
    /// For ``rateLimited(retryAfter:)``: whole seconds until the caller may try again.
    public let retryAfter: Int?

    private init(_ code: Code, _ detail: String, retryAfter: Int? = nil) {
        self.code = code
        self.detail = detail
        self.retryAfter = retryAfter
    }

    /// The HTTP status this error answers with.
    public var status: Int { code.status }
    /// The stable machine-readable code (`"invalid_api_key"`, `"not_found"`, …).
    public var machineCode: String { code.rawValue }
    public var description: String { "\(code.rawValue): \(detail)" }

    /// The body was not valid JSON, or not a JSON object.
    public static func invalidJSON(_ detail: String = "Request body is not valid JSON") -> Self {
        Self(.invalidJSON, detail)
    }
    /// A required field is absent; `detail` overrides the generic message where a seed gives one.
    public static func missingField(_ field: String, detail: String? = nil) -> Self {
        Self(.missingField, detail ?? "\(field) is required")
    }
    /// A field is present but its value is not acceptable.
    public static func invalidField(_ field: String, _ reason: String) -> Self {
        Self(.invalidField, "\(field) \(reason)")
    }
    /// The body carries a field this endpoint does not know.
    public static func unknownField(_ field: String) -> Self {
        Self(.unknownField, "Unknown field '\(field)'")
    }
    public static let missingAPIKey = Self(.missingAPIKey, "API key required: send it in the X-API-Key header")
    public static let invalidAPIKey = Self(.invalidAPIKey, "Invalid API key")
    public static let invalidSessionToken = Self(.invalidSessionToken, "Invalid or expired session token")
    public static let sessionTokenUsed = Self(.sessionTokenUsed, "Session token has already been used")
    public static let insufficientCredits = Self(.insufficientCredits, "Insufficient credits")
    /// A webhook request's `X-Twilio-Signature` is missing or does not match the stored auth token.
    public static let invalidTwilioSignature = Self(.invalidSignature, "Invalid Twilio signature")
    public static let agentNotFound = Self(.agentNotFound, "Agent not found or does not belong to your organization")
    public static let agentNotVoice = Self(.agentNotVoice, "Agent must be Pipeline or Realtime architecture for voice sessions")
    public static let agentInactive = Self(.agentInactive, "Agent is not active")
    /// Something the caller named does not exist in its organisation.
    public static func notFound(_ detail: String) -> Self { Self(.notFound, detail) }
    public static func conflict(_ detail: String) -> Self { Self(.conflict, detail) }
    public static let methodNotAllowed = Self(.methodNotAllowed, "Method not allowed")
    /// The body is over the configured limit (`nil` where the limit is not known).
    public static func payloadTooLarge(limit: Int?) -> Self {
        Self(.payloadTooLarge, limit.map { "Request body is larger than \($0) bytes" } ?? "Request body is too large")
    }
    public static let unsupportedMediaType = Self(.unsupportedMediaType, "Content-Type must be application/json")
    public static func rateLimited(retryAfter seconds: Int) -> Self {
        Self(.rateLimited, "Rate limit exceeded", retryAfter: seconds)
    }
    /// Creating the room or dispatching the agent failed; `reason` is shown to the caller.
    public static func voiceSessionFailed(_ reason: String) -> Self {
        Self(.voiceSessionFailed, "Failed to create voice session: \(reason)")
    }
    public static let internalError = Self(.internalError, "Internal server error")
}

import Foundation
import ParleyCore

/// Seed 000's `POST /token` body.
struct ConversationTokenRequest: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case workspaceID = "workspace_id"
        case agentID = "agent_id"
        case chatID = "chat_id"
        case userID = "user_id"
    }

    var workspaceID: String
    var agentID: String
    var chatID: String
    var userID: String

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        workspaceID = try c.decodeRequired(.workspaceID)
        agentID = try c.decodeRequired(.agentID, missing: ParleyError.missingField("agent_id", detail: "Agent ID is required"))
        chatID = try SessionIdentifier.validated(c.decodeRequired(.chatID), field: "chat_id")
        userID = try SessionIdentifier.validated(c.decodeIfPresent(String.self, forKey: .userID) ?? "voice-user", field: "user_id")
    }
}

/// Seed 001's `POST /v1/chat/voice-sessions` body.
struct VoiceSessionRequest: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case agentID = "agent_id"
    }

    var agentID: String

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        agentID = try c.decodeRequired(.agentID, missing: ParleyError.missingField("agent_id", detail: "Agent ID is required"))
    }
}

/// Seed 003's `POST /api/webrtc/token` body.
struct WebRTCTokenRequest: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case agentID = "agent_id"
        case agentName = "agent_name"
        case websocketURL = "websocket_url"
        case metadata
    }

    var agentID: String?
    var agentName: String?
    var websocketURL: String?
    var metadata: [String: JSONValue]?
    var overrides: SessionOverrides

    /// The request's own fields and the overrides, which share its JSON object.
    private static let fields = Set(CodingKeys.allCases.map(\.stringValue) + SessionOverrides.CodingKeys.allCases.map(\.stringValue))

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(allowing: Self.fields)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        agentID = try c.decodeIfPresent(String.self, forKey: .agentID).flatMap { $0.isEmpty ? nil : $0 }
        agentName = try c.decodeIfPresent(String.self, forKey: .agentName).flatMap { $0.isEmpty ? nil : $0 }
        guard agentID != nil || agentName != nil else {
            throw ParleyError.missingField("agent_id", detail: "Either agent_id or agent_name is required")
        }
        websocketURL = try c.decodeIfPresent(String.self, forKey: .websocketURL)
        if let websocketURL {
            guard websocketURL.count <= 2_048, let url = URL(string: websocketURL), ["ws", "wss"].contains(url.scheme), url.host != nil else {
                throw ParleyError.invalidField("websocket_url", "must be a ws:// or wss:// URL")
            }
        }
        metadata = try c.decodeIfPresent([String: JSONValue].self, forKey: .metadata)
        overrides = try SessionOverrides(from: decoder)
        try overrides.validate()
    }
}

/// Client-chosen identifiers that end up in room names and identities.
enum SessionIdentifier {
    private static let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:@")

    static func validated(_ value: String, field: String) throws -> String {
        guard (1...128).contains(value.count), value.allSatisfy(allowed.contains) else {
            throw ParleyError.invalidField(field, "must be 1 to 128 letters, digits or - _ . : @")
        }
        return value
    }
}

extension KeyedDecodingContainer {
    /// A string that must be present and not empty; `missing` is thrown otherwise.
    func decodeRequired(_ key: Key, missing: ParleyError? = nil) throws -> String {
        guard let value = try decodeIfPresent(String.self, forKey: key), !value.isEmpty else {
            throw missing ?? ParleyError.missingField(key.stringValue)
        }
        return value
    }
}

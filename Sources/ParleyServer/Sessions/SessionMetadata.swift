import Foundation
import ParleyCore

/// What the dispatched agent worker learns about its session, as the JSON string carried in the
/// room metadata, the dispatch metadata and the participant token.
struct SessionMetadata: Encodable {
    var organizationID: String
    var agentID: String
    var conversationID: String?
    var chatID: String?
    var overrides: SessionOverrides?
    var metadata: [String: JSONValue]?

    enum CodingKeys: String, CodingKey {
        case organizationID = "organization_id"
        case agentID = "agent_id"
        case conversationID = "conversation_id"
        case chatID = "chat_id"
        case overrides, metadata
    }

    func jsonString() throws -> String {
        String(decoding: try JSONCoding.encoder.encode(self), as: UTF8.self)
    }
}

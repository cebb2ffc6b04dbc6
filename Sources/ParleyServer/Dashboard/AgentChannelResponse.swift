import Foundation
import Hummingbird
import ParleyCore

/// One agent channel: `{"id", "phone_number", "agent_id", "created_at"}`.
struct AgentChannelResponse: ResponseEncodable {
    let channel: AgentChannel

    enum CodingKeys: String, CodingKey {
        case id
        case phoneNumber = "phone_number"
        case agentID = "agent_id"
        case createdAt = "created_at"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(channel.id.lowercasedString, forKey: .id)
        try c.encode(channel.phoneNumber, forKey: .phoneNumber)
        try c.encode(channel.agentID.lowercasedString, forKey: .agentID)
        try c.encode(channel.createdAt, forKey: .createdAt)
    }
}

/// `GET /api/dashboard/agent-channels`: oldest first.
struct AgentChannelListResponse: ResponseEncodable {
    let channels: [AgentChannelResponse]
}

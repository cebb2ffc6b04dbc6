/// `POST /api/dashboard/agent-channels`.
struct AgentChannelBody: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case phoneNumber = "phone_number"
        case agentID = "agent_id"
    }

    var phoneNumber: String
    var agentID: String

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        phoneNumber = try container.decode(String.self, forKey: .phoneNumber)
        agentID = try container.decode(String.self, forKey: .agentID)
    }
}

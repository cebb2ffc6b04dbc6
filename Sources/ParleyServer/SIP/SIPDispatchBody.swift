import ParleyCore

/// `POST /sip/dispatch`: `agent_id` is required; the rest is optional.
struct SIPDispatchBody: Decodable {
    var workspaceID: String?
    var name: String?
    var calledNumber: String?
    var trunkID: String?
    var agentID: String
    var fallbackAgentID: String?

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(allowing: SIPDispatchJSONKey.writable)
        let c = try decoder.container(keyedBy: SIPDispatchJSONKey.self)
        workspaceID = try c.decodeIfPresent(String.self, forKey: .workspaceID)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        calledNumber = try c.decodeIfPresent(String.self, forKey: .calledNumber)
        trunkID = try c.decodeIfPresent(String.self, forKey: .trunkID)
        agentID = try c.decodeRequired(.agentID)
        fallbackAgentID = try c.decodeIfPresent(String.self, forKey: .fallbackAgentID)
    }
}

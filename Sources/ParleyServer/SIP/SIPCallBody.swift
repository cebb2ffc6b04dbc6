import ParleyCore

/// `POST /sip/call` (seed 000): `agent_id` and `to_number` are required; `from_number` defaults to
/// the trunk's outbound number, `trunk_id` to the organisation's first trunk with a host.
struct SIPCallBody: Decodable {
    var workspaceID: String?
    var agentID: String
    var trunkID: String?
    var toNumber: String
    var fromNumber: String?

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(allowing: SIPCallJSONKey.writable)
        let c = try decoder.container(keyedBy: SIPCallJSONKey.self)
        workspaceID = try c.decodeIfPresent(String.self, forKey: .workspaceID)
        agentID = try c.decodeRequired(.agentID)
        trunkID = try c.decodeIfPresent(String.self, forKey: .trunkID)
        toNumber = try c.decodeRequired(.toNumber)
        fromNumber = try c.decodeIfPresent(String.self, forKey: .fromNumber)
    }
}

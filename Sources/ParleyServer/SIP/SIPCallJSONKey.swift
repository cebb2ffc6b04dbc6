/// The fields of a placed call in the API, read by ``SIPCallBody`` and written by ``SIPCallResponse``.
enum SIPCallJSONKey: String, CodingKey, CaseIterable {
    case callID = "call_id"
    case workspaceID = "workspace_id"
    case agentID = "agent_id"
    case trunkID = "trunk_id"
    case toNumber = "to_number"
    case fromNumber = "from_number"
    case sipCallID = "sip_call_id"
    case status
    case sipStatus = "sip_status"
    case conversationID = "conversation_call_id"
    case createdAt = "created_at"
    case endedAt = "ended_at"

    /// What a body may carry.
    static let writable: Set<String> = [workspaceID, agentID, trunkID, toNumber, fromNumber].map(\.stringValue).reduce(into: []) { $0.insert($1) }
}

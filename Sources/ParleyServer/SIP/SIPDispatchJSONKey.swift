/// The fields of a dispatch rule in the API, read by ``SIPDispatchBody`` and written by ``SIPDispatchResponse``.
enum SIPDispatchJSONKey: String, CodingKey, CaseIterable {
    case ruleID = "rule_id"
    case workspaceID = "workspace_id"
    case name
    case calledNumber = "called_number"
    case trunkID = "trunk_id"
    case agentID = "agent_id"
    case fallbackAgentID = "fallback_agent_id"
    case createdAt = "created_at"

    /// What a body may carry: all but the fields only a response has.
    static let writable = Set(allCases.filter { ![.ruleID, .createdAt].contains($0) }.map(\.stringValue))
}

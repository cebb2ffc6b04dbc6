import Foundation
import Hummingbird
import ParleyCore

/// One dispatch rule; absent settings appear as `null`.
struct SIPDispatchResponse: ResponseEncodable {
    let rule: SIPDispatchRule

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: SIPDispatchJSONKey.self)
        try c.encode(rule.id.lowercasedString, forKey: .ruleID)
        try c.encode(rule.organizationID.lowercasedString, forKey: .workspaceID)
        try c.encode(rule.name, forKey: .name)
        try c.encode(rule.calledNumber, forKey: .calledNumber)
        try c.encode(rule.trunkID?.lowercasedString, forKey: .trunkID)
        try c.encode(rule.agentID.lowercasedString, forKey: .agentID)
        try c.encode(rule.fallbackAgentID?.lowercasedString, forKey: .fallbackAgentID)
        try c.encode(rule.createdAt, forKey: .createdAt)
    }
}

/// `GET /sip/dispatch`: oldest first.
struct SIPDispatchListResponse: ResponseEncodable {
    let rules: [SIPDispatchResponse]
}

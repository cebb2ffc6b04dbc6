import Hummingbird

/// One placed call; `conversation_call_id` is the call record (`/api/dashboard/calls/{id}`) once answered.
struct SIPCallResponse: ResponseEncodable {
    let call: PlacedCall

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: SIPCallJSONKey.self)
        try c.encode(call.id.lowercasedString, forKey: .callID)
        try c.encode(call.organizationID.lowercasedString, forKey: .workspaceID)
        try c.encode(call.agentID.lowercasedString, forKey: .agentID)
        try c.encode(call.trunkID.lowercasedString, forKey: .trunkID)
        try c.encode(call.toNumber, forKey: .toNumber)
        try c.encode(call.fromNumber, forKey: .fromNumber)
        try c.encode(call.sipCallID, forKey: .sipCallID)
        try c.encode(call.status.rawValue, forKey: .status)
        try c.encode(call.failureStatus, forKey: .sipStatus)
        try c.encode(call.recordID?.lowercasedString, forKey: .conversationID)
        try c.encode(call.createdAt, forKey: .createdAt)
        try c.encode(call.endedAt, forKey: .endedAt)
    }
}

/// `GET /sip/call`: newest first.
struct SIPCallListResponse: ResponseEncodable {
    let calls: [SIPCallResponse]
}

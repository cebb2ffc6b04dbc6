import Foundation
import Hummingbird
import ParleyCore

/// One SIP trunk; absent settings appear as `null`. The password never appears: `has_password`
/// says whether there is one.
struct SIPTrunkResponse: ResponseEncodable {
    let trunk: SIPTrunk

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: SIPTrunkJSONKey.self)
        try c.encode(trunk.id.lowercasedString, forKey: .trunkID)
        try c.encode(trunk.organizationID.lowercasedString, forKey: .workspaceID)
        try c.encode(trunk.name, forKey: .trunkName)
        try c.encode(trunk.provider, forKey: .provider)
        try c.encode(trunk.outboundNumber, forKey: .outboundNumber)
        try c.encode(trunk.host, forKey: .host)
        try c.encode(trunk.port, forKey: .port)
        try c.encode(trunk.username, forKey: .username)
        try c.encode(trunk.password != nil, forKey: .hasPassword)
        try c.encode(trunk.allowedAddresses, forKey: .allowedAddresses)
        try c.encode(trunk.createdAt, forKey: .createdAt)
    }
}

/// `GET /sip/trunk`: oldest first.
struct SIPTrunkListResponse: ResponseEncodable {
    let trunks: [SIPTrunkResponse]
}

import Foundation
import ParleyCore

/// `POST /sip/trunk` (seed 000): `trunk_name` is required; the rest is optional.
struct SIPTrunkBody: Decodable {
    var workspaceID: String?
    var trunkName: String
    var provider: String?
    var outboundNumber: String?
    var host: String?
    var port: Int?
    var username: String?
    var password: String?
    var allowedAddresses: [String]?

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(allowing: SIPTrunkJSONKey.writable)
        let c = try decoder.container(keyedBy: SIPTrunkJSONKey.self)
        workspaceID = try c.decodeIfPresent(String.self, forKey: .workspaceID)
        guard let trunkName = try c.decodeIfPresent(String.self, forKey: .trunkName) else {
            throw ParleyError.missingField(SIPTrunkJSONKey.trunkName.stringValue)
        }
        self.trunkName = trunkName
        provider = try c.decodeIfPresent(String.self, forKey: .provider)
        outboundNumber = try c.decodeIfPresent(String.self, forKey: .outboundNumber)
        host = try c.decodeIfPresent(String.self, forKey: .host)
        port = try c.decodeIfPresent(WholeNumber.self, forKey: .port)?.value
        username = try c.decodeIfPresent(String.self, forKey: .username)
        password = try c.decodeIfPresent(String.self, forKey: .password)
        allowedAddresses = try c.decodeIfPresent([String].self, forKey: .allowedAddresses)
    }

    /// The trunk the body describes, for the organisation; not yet validated.
    func trunk(organizationID: UUID) -> SIPTrunk {
        SIPTrunk(
            organizationID: organizationID,
            name: trunkName,
            provider: provider ?? SIPTrunk.defaultProvider,
            outboundNumber: outboundNumber,
            host: host,
            port: port ?? SIPTrunk.defaultPort,
            username: username,
            password: password,
            allowedAddresses: allowedAddresses ?? []
        )
    }
}

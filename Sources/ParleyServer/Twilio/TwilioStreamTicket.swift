import Crypto
import Foundation

/// What lets a Media Streams socket in when its webhook had no API key (seed 000's workspace
/// webhook): the organisation, the agent and an expiry, signed with the organisation's Twilio
/// auth token by the webhook that checked Twilio's own signature. Stateless, so the stream may
/// reach any Parley node that shares the store.
struct TwilioStreamTicket: Sendable, Equatable {
    var organizationID: UUID
    var agentID: UUID
    /// Seconds since 1970 after which the ticket admits nothing: Twilio opens the stream at once.
    var expires: Int

    static let lifetime: TimeInterval = 300

    init(organizationID: UUID, agentID: UUID, expires: Int) {
        self.organizationID = organizationID
        self.agentID = agentID
        self.expires = expires
    }

    /// The ticket in the stream's parameters (`workspace_id`, `agent_id`, `expires`), if they are one.
    init?(parameters: [String: String]) {
        guard let organization = parameters["workspace_id"].flatMap(UUID.init(uuidString:)),
            let agent = parameters["agent_id"].flatMap(UUID.init(uuidString:)),
            let expires = parameters["expires"].flatMap(Int.init)
        else { return nil }
        self.init(organizationID: organization, agentID: agent, expires: expires)
    }

    var parameters: [(name: String, value: String)] {
        [("workspace_id", organizationID.lowercasedString), ("agent_id", agentID.lowercasedString), ("expires", String(expires))]
    }

    func signature(authToken: String) -> String {
        let signed = "\(organizationID.lowercasedString)|\(agentID.lowercasedString)|\(expires)"
        let code = HMAC<SHA256>.authenticationCode(for: Data(signed.utf8), using: SymmetricKey(data: Data(authToken.utf8)))
        return Data(code).base64EncodedString()
    }

    func isValid(_ signature: String?, authToken: String, now: Date) -> Bool {
        guard let signature, Double(expires) >= now.timeIntervalSince1970 else { return false }
        return TwilioSignature.constantTimeEqual(Data(self.signature(authToken: authToken).utf8), Data(signature.utf8))
    }
}

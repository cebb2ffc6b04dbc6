import Foundation
@testable import ParleyServer
import Testing

@Suite struct TwilioStreamTicketTests {
    let ticket = TwilioStreamTicket(organizationID: UUID(), agentID: UUID(), expires: 1_800_000_300)
    let token = "0123456789abcdef0123456789abcdef"

    @Test func aTicketIsValidWithItsSignatureUntilItExpires() throws {
        let signature = ticket.signature(authToken: token)
        #expect(ticket.isValid(signature, authToken: token, now: Date(timeIntervalSince1970: 1_800_000_000)))
        #expect(!ticket.isValid(signature, authToken: token, now: Date(timeIntervalSince1970: 1_800_000_301)), "expired")
        #expect(!ticket.isValid(signature, authToken: "ffffffffffffffffffffffffffffffff", now: Date(timeIntervalSince1970: 1_800_000_000)))
        #expect(!ticket.isValid(nil, authToken: token, now: Date(timeIntervalSince1970: 1_800_000_000)))
        var otherAgent = ticket
        otherAgent.agentID = UUID()
        #expect(!otherAgent.isValid(signature, authToken: token, now: Date(timeIntervalSince1970: 1_800_000_000)), "another agent")
    }

    @Test func aTicketTravelsAsStreamParameters() throws {
        let parameters = Dictionary(uniqueKeysWithValues: ticket.parameters.map { ($0.name, $0.value) })
        #expect(TwilioStreamTicket(parameters: parameters) == ticket)
        #expect(TwilioStreamTicket(parameters: ["api_key": "pk_1", "agent_id": ticket.agentID.lowercasedString]) == nil)
    }
}

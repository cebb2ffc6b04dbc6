import ParleyCore
@testable import ParleyServer
import Telephony

extension ServerFixture {
    /// A server for live tests with its SIP user agent on a free-looking port, tiny.en for speed,
    /// a trunk allowing loopback and a rule sending `number` to the agent `agent` picks (by
    /// default the fixture's own).
    static func withSIP(
        routing number: String, to agent: (ServerFixture) async throws -> Agent = { $0.agent }
    ) async throws -> (fixture: ServerFixture, sipPort: Int) {
        let sipPort = Int.random(in: 30_000...34_999)
        let rtpBase = Int.random(in: 35_000...39_000) & ~1
        let fixture = try await ServerFixture.make { settings in
            settings.port = 0
            settings.engines.speechToTextModel = "tiny.en"
            settings.sip = SIPUserAgentConfiguration(bindHost: "127.0.0.1", port: sipPort, publicHost: "127.0.0.1", rtpPorts: rtpBase...(rtpBase + 200), maxCalls: 20)
        }
        let trunk = SIPTrunk(organizationID: fixture.organization.id, name: "loopback", allowedAddresses: ["127.0.0.1"])
        try await fixture.store.insertSIPTrunk(trunk)
        let answering = try await agent(fixture)
        try await fixture.store.insertSIPDispatchRule(SIPDispatchRule(organizationID: fixture.organization.id, calledNumber: number, agentID: answering.id))
        return (fixture, sipPort)
    }
}

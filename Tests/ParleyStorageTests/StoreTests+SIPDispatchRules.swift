import Foundation
import ParleyCore
import Testing

extension StoreTests {
    @Test(arguments: StoreKind.available)
    func dispatchRulesRoundTripAndAreListedOldestFirst(_ kind: StoreKind) async throws {
        try await kind.withOrganization { store, organization in
            let (agent, fallback) = (try await store.makeAgent(organization), try await store.makeAgent(organization))
            let trunk = SIPTrunk(organizationID: organization.id, name: "Main", allowedAddresses: ["192.0.2.1"])
            try await store.insertSIPTrunk(trunk)
            let full = SIPDispatchRule(
                organizationID: organization.id, name: "Sales", calledNumber: "+15550001111", trunkID: trunk.id,
                agentID: agent.id, fallbackAgentID: fallback.id, createdAt: Date(timeIntervalSince1970: 1_800_000_060)
            )
            let catchAll = SIPDispatchRule(organizationID: organization.id, agentID: agent.id, createdAt: Date(timeIntervalSince1970: 1_800_000_000))
            try await store.insertSIPDispatchRule(full)
            try await store.insertSIPDispatchRule(catchAll)

            for rule in [full, catchAll] {
                expectSameRecord(try await store.sipDispatchRule(id: rule.id, organizationID: organization.id), rule, createdAt: \.createdAt)
            }
            #expect(try await store.sipDispatchRules(organizationID: organization.id).map(\.id) == [catchAll.id, full.id])

            #expect(try await store.deleteSIPDispatchRule(id: catchAll.id, organizationID: organization.id))
            #expect(try await store.deleteSIPDispatchRule(id: catchAll.id, organizationID: organization.id) == false)
            #expect(try await store.sipDispatchRules(organizationID: organization.id).map(\.id) == [full.id])
        }
    }

    @Test(arguments: StoreKind.available)
    func aRuleNamesOnlyItsOwnOrganizationsAgentsAndTrunks(_ kind: StoreKind) async throws {
        try await kind.withOrganization { store, organization in
            let other = try await store.makeOrganization()
            let mine = try await store.makeAgent(organization)
            let theirs = try await store.makeAgent(other)
            let theirTrunk = SIPTrunk(organizationID: other.id, name: "Theirs", host: "pbx.example.com")
            try await store.insertSIPTrunk(theirTrunk)

            for rule in [
                SIPDispatchRule(organizationID: organization.id, agentID: theirs.id),
                SIPDispatchRule(organizationID: organization.id, agentID: UUID()),
                SIPDispatchRule(organizationID: organization.id, agentID: mine.id, fallbackAgentID: theirs.id),
                SIPDispatchRule(organizationID: organization.id, trunkID: theirTrunk.id, agentID: mine.id),
                SIPDispatchRule(organizationID: organization.id, trunkID: UUID(), agentID: mine.id),
            ] {
                await #expect(throws: ParleyError.notFound("Agent or SIP trunk not found")) {
                    try await store.insertSIPDispatchRule(rule)
                }
            }
            #expect(try await store.sipDispatchRules(organizationID: organization.id).isEmpty)

            let rule = SIPDispatchRule(organizationID: organization.id, agentID: mine.id)
            try await store.insertSIPDispatchRule(rule)
            #expect(try await store.sipDispatchRule(id: rule.id, organizationID: other.id) == nil)
            #expect(try await store.sipDispatchRules(organizationID: other.id).isEmpty)
            #expect(try await store.deleteSIPDispatchRule(id: rule.id, organizationID: other.id) == false)
            #expect(try await store.sipDispatchRule(id: rule.id, organizationID: organization.id) != nil)
        }
    }

    @Test(arguments: StoreKind.available)
    func rulesGoWithTheirTrunkAndAgentAndLoseADeletedFallback(_ kind: StoreKind) async throws {
        try await kind.withOrganization { store, organization in
            let (agent, fallback, spare) = (try await store.makeAgent(organization), try await store.makeAgent(organization), try await store.makeAgent(organization))
            let trunk = SIPTrunk(organizationID: organization.id, name: "Main", allowedAddresses: ["192.0.2.1"])
            try await store.insertSIPTrunk(trunk)
            let onTrunk = SIPDispatchRule(organizationID: organization.id, trunkID: trunk.id, agentID: spare.id)
            let toAgent = SIPDispatchRule(organizationID: organization.id, calledNumber: "1000", agentID: agent.id, fallbackAgentID: spare.id)
            let fallingBack = SIPDispatchRule(organizationID: organization.id, calledNumber: "2000", agentID: spare.id, fallbackAgentID: fallback.id)
            for rule in [onTrunk, toAgent, fallingBack] { try await store.insertSIPDispatchRule(rule) }

            #expect(try await store.deleteSIPTrunk(id: trunk.id, organizationID: organization.id))
            #expect(try await store.sipDispatchRule(id: onTrunk.id, organizationID: organization.id) == nil)

            #expect(try await store.deleteAgent(id: agent.id, organizationID: organization.id))
            #expect(try await store.sipDispatchRule(id: toAgent.id, organizationID: organization.id) == nil)

            #expect(try await store.deleteAgent(id: fallback.id, organizationID: organization.id))
            let kept = try #require(try await store.sipDispatchRule(id: fallingBack.id, organizationID: organization.id))
            #expect(kept.agentID == spare.id)
            #expect(kept.fallbackAgentID == nil)
            #expect(try await store.sipDispatchRules(organizationID: organization.id).map(\.id) == [fallingBack.id])
        }
    }
}

extension Store {
    /// A new agent of the organisation's.
    func makeAgent(_ organization: Organization) async throws -> Agent {
        let agent = Agent(organizationID: organization.id, settings: AgentSettings(name: "Agent \(UUID().uuidString.prefix(6))"))
        try await insertAgent(agent)
        return agent
    }
}

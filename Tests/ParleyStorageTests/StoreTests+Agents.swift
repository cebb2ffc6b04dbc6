import Foundation
import ParleyCore
import Testing

extension StoreTests {
    /// Every field set away from its default, optionals included, each to a distinct value.
    static func fullSettings(name: String) -> AgentSettings {
        var settings = AgentSettings(name: name)
        settings.architecture = .realtime
        settings.isActive = false
        settings.systemPrompt = "You are terse."
        settings.welcomeMessage = "Hello there"
        settings.welcomeInterruptible = false
        settings.primaryLanguage = "de-DE"
        settings.secondaryLanguage = "fr"
        settings.llmModel = "llama-3.2-1b"
        settings.temperature = 1.25
        settings.ttsVoice = "piper-amy"
        settings.voiceSpeed = 0.85
        settings.sttModel = "whisper-base"
        settings.interruptionSensitivity = 0.3
        settings.silenceThresholdMs = 750
        settings.silenceTimeoutMs = 42_000
        return settings
    }

    /// Non-default values with every optional left `nil`.
    static func sparseSettings(name: String) -> AgentSettings {
        var settings = AgentSettings(name: name)
        settings.architecture = .text
        settings.systemPrompt = "Answer in writing."
        settings.primaryLanguage = "es"
        settings.temperature = 0.1
        settings.voiceSpeed = 1.2
        settings.interruptionSensitivity = 0.9
        settings.silenceThresholdMs = 300
        settings.silenceTimeoutMs = 5_000
        return settings
    }

    @Test(arguments: StoreKind.available)
    func agentsRoundTripEverySetting(_ kind: StoreKind) async throws {
        try await kind.withOrganization { store, organization in
            let now = Date()
            let full = Agent(organizationID: organization.id, settings: Self.fullSettings(name: "Full"), createdAt: now)
            let sparse = Agent(organizationID: organization.id, settings: Self.sparseSettings(name: "Sparse"), createdAt: now)
            try await store.insertAgent(full)
            try await store.insertAgent(sparse)

            for agent in [full, sparse] {
                let stored = try #require(try await store.agent(id: agent.id, organizationID: organization.id))
                #expect(stored.id == agent.id)
                #expect(stored.organizationID == organization.id)
                #expect(stored.settings == agent.settings)
                expectSameInstant(stored.createdAt, agent.createdAt)
                expectSameInstant(stored.updatedAt, agent.updatedAt)
            }
        }
    }

    @Test(arguments: StoreKind.available)
    func agentsAreListedInCreationOrder(_ kind: StoreKind) async throws {
        try await kind.withOrganization { store, organization in
            let start = Date()
            let agents = (0..<3).map { index in
                Agent(organizationID: organization.id, settings: AgentSettings(name: "Agent \(index)"), createdAt: start.addingTimeInterval(Double(index)))
            }
            for agent in agents.reversed() { try await store.insertAgent(agent) }

            #expect(try await store.agents(organizationID: organization.id).map(\.id) == agents.map(\.id))
            let other = try await store.makeOrganization()
            #expect(try await store.agents(organizationID: other.id).isEmpty)
        }
    }

    @Test(arguments: StoreKind.available)
    func agentsAreUpdatedAndDeleted(_ kind: StoreKind) async throws {
        try await kind.withOrganization { store, organization in
            var agent = Agent(organizationID: organization.id, settings: Self.sparseSettings(name: "Before"), createdAt: Date().addingTimeInterval(-60))
            try await store.insertAgent(agent)

            agent.settings = Self.fullSettings(name: "After")
            agent.updatedAt = Date()
            #expect(try await store.updateAgent(agent))
            let updated = try #require(try await store.agent(id: agent.id, organizationID: organization.id))
            #expect(updated.settings == agent.settings)
            expectSameInstant(updated.createdAt, agent.createdAt)
            expectSameInstant(updated.updatedAt, agent.updatedAt)

            // And back to nil optionals: an update must be able to clear them.
            agent.settings = Self.sparseSettings(name: "Cleared")
            #expect(try await store.updateAgent(agent))
            #expect(try await store.agent(id: agent.id, organizationID: organization.id)?.settings == agent.settings)

            #expect(try await store.deleteAgent(id: agent.id, organizationID: organization.id))
            #expect(try await store.agent(id: agent.id, organizationID: organization.id) == nil)
            #expect(try await store.deleteAgent(id: agent.id, organizationID: organization.id) == false)
            #expect(try await store.updateAgent(agent) == false)
        }
    }

    @Test(arguments: StoreKind.available)
    func anotherOrganizationCannotTouchAnAgent(_ kind: StoreKind) async throws {
        try await kind.withOrganization { store, organization in
            let other = try await store.makeOrganization()
            let agent = Agent(organizationID: organization.id, settings: Self.fullSettings(name: "Mine"))
            try await store.insertAgent(agent)

            #expect(try await store.agent(id: agent.id, organizationID: other.id) == nil)
            var hijacked = agent
            hijacked.organizationID = other.id
            hijacked.settings.name = "Stolen"
            #expect(try await store.updateAgent(hijacked) == false)
            #expect(try await store.deleteAgent(id: agent.id, organizationID: other.id) == false)

            let stored = try #require(try await store.agent(id: agent.id, organizationID: organization.id))
            #expect(stored.settings == agent.settings)
        }
    }
}

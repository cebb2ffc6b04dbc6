import Foundation
import ParleyCore
import ParleyStorage
import Synchronization
import Testing

/// The cache in front of a store: changes through it show at once, changes behind its back
/// within its lifetime.
@Suite struct CachingStoreTests {
    static let lifetime: Duration = .seconds(8)

    @Test(arguments: StoreKind.available)
    func changesThroughTheCacheShowAtOnce(_ kind: StoreKind) async throws {
        try await kind.withOrganization { base, organization in
            let store = CachingStore(base, lifetime: .seconds(3600))
            let (key, _) = APIKey.issue(organizationID: organization.id, label: "k")
            try await store.insertAPIKey(key)
            #expect(try await store.apiKey(lookupID: key.lookupID)?.isRevoked == false)
            #expect(try await store.revokeAPIKey(id: key.id, organizationID: organization.id, at: Date()))
            #expect(try await store.apiKey(lookupID: key.lookupID)?.isRevoked == true)

            var agent = Agent(organizationID: organization.id, settings: AgentSettings(name: "Before"))
            try await store.insertAgent(agent)
            #expect(try await store.agent(id: agent.id, organizationID: organization.id)?.settings.name == "Before")
            agent.settings.name = "After"
            #expect(try await store.updateAgent(agent))
            #expect(try await store.agent(id: agent.id, organizationID: organization.id)?.settings.name == "After")
            #expect(try await store.deleteAgent(id: agent.id, organizationID: organization.id))
            #expect(try await store.agent(id: agent.id, organizationID: organization.id) == nil)

            #expect(try await store.creditBalance(organizationID: organization.id) == 0)
            _ = try await store.appendCredits(CreditEntry(organizationID: organization.id, amount: 5, reason: "t"))
            #expect(try await store.creditBalance(organizationID: organization.id) == 5)
        }
    }

    @Test(arguments: StoreKind.available)
    func changesBehindItsBackShowWithinItsLifetime(_ kind: StoreKind) async throws {
        try await kind.withOrganization { base, organization in
            // Time moves only when the test says so: however slow the writes, they happen
            // inside the lifetime.
            let start = ContinuousClock.now
            let elapsed = Mutex(Duration.zero)
            let store = CachingStore(base, lifetime: Self.lifetime) { start + elapsed.withLock { $0 } }
            let (key, _) = APIKey.issue(organizationID: organization.id, label: "k")
            try await base.insertAPIKey(key)
            _ = try await base.appendCredits(CreditEntry(organizationID: organization.id, amount: 5, reason: "t"))
            #expect(try await store.apiKey(lookupID: key.lookupID)?.isRevoked == false)
            #expect(try await store.creditBalance(organizationID: organization.id) == 5)

            _ = try await base.revokeAPIKey(id: key.id, organizationID: organization.id, at: Date())
            _ = try await base.appendCredits(CreditEntry(organizationID: organization.id, amount: -5, reason: "t"))
            #expect(try await store.apiKey(lookupID: key.lookupID)?.isRevoked == false, "still cached")
            #expect(try await store.creditBalance(organizationID: organization.id) == 5, "still cached")

            elapsed.withLock { $0 = Self.lifetime - .milliseconds(1) }
            #expect(try await store.creditBalance(organizationID: organization.id) == 5, "cached to the end of its lifetime")
            elapsed.withLock { $0 = Self.lifetime }
            #expect(try await store.apiKey(lookupID: key.lookupID)?.isRevoked == true)
            #expect(try await store.creditBalance(organizationID: organization.id) == 0)
        }
    }

    @Test(arguments: StoreKind.available)
    func unknownKeysAreNotCached(_ kind: StoreKind) async throws {
        try await kind.withOrganization { base, organization in
            let store = CachingStore(base, lifetime: .seconds(3600))
            let (key, _) = APIKey.issue(organizationID: organization.id, label: "k")
            #expect(try await store.apiKey(lookupID: key.lookupID) == nil)
            try await base.insertAPIKey(key)
            #expect(try await store.apiKey(lookupID: key.lookupID) != nil)
        }
    }

    @Test(arguments: StoreKind.available)
    func conversationHistoryIsNeverCached(_ kind: StoreKind) async throws {
        try await kind.withOrganization { base, organization in
            let store = CachingStore(base, lifetime: .seconds(3600))
            let conversation = try await store.openConversation(organizationID: organization.id, agentID: UUID(), key: "chat", now: Date(), ttl: 3600)
            try await store.appendConversationMessage(ConversationMessage(role: .user, text: "one"), conversationID: conversation.id)
            #expect(try await store.conversationMessages(conversationID: conversation.id).map(\.text) == ["one"])
            // Another node appends behind the cache's back: seen at once.
            try await base.appendConversationMessage(ConversationMessage(role: .assistant, text: "two"), conversationID: conversation.id)
            #expect(try await store.conversationMessages(conversationID: conversation.id).map(\.text) == ["one", "two"])
            #expect(try await store.conversationMessages(conversationID: conversation.id, limit: 1).map(\.text) == ["two"])
            #expect(try await base.conversationMessages(conversationID: conversation.id).map(\.text) == ["one", "two"])
        }
    }
}

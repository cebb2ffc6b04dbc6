import Foundation
import ParleyCore
import Testing

extension StoreTests {
    @Test(arguments: StoreKind.available)
    func aLiveConversationIsResumedAndExtended(_ kind: StoreKind) async throws {
        try await kind.withOrganization { store, organization in
            let agentID = UUID()
            let now = Date()
            let first = try await store.openConversation(organizationID: organization.id, agentID: agentID, key: "chat-1", now: now, ttl: 3600)
            #expect(first.organizationID == organization.id)
            #expect(first.agentID == agentID)
            #expect(first.key == "chat-1")
            expectSameInstant(first.createdAt, now)
            expectSameInstant(first.expiresAt, now.addingTimeInterval(3600))

            let later = now.addingTimeInterval(1800)
            let resumed = try await store.openConversation(organizationID: organization.id, agentID: agentID, key: "chat-1", now: later, ttl: 3600)
            #expect(resumed.id == first.id)
            expectSameInstant(resumed.createdAt, now)
            expectSameInstant(resumed.expiresAt, later.addingTimeInterval(3600))

            let another = try await store.openConversation(organizationID: organization.id, agentID: agentID, key: "chat-2", now: later, ttl: 3600)
            #expect(another.id != first.id)
        }
    }

    @Test(arguments: StoreKind.available)
    func anExpiredConversationIsReplaced(_ kind: StoreKind) async throws {
        try await kind.withOrganization { store, organization in
            let now = Date()
            let first = try await store.openConversation(organizationID: organization.id, agentID: UUID(), key: "chat", now: now, ttl: 60)
            // Extended at now + 30 s to now + 120 s: still live at now + 100 s, gone at now + 121 s.
            let extended = try await store.openConversation(organizationID: organization.id, agentID: UUID(), key: "chat", now: now.addingTimeInterval(30), ttl: 90)
            #expect(extended.id == first.id)
            let stillLive = try await store.openConversation(organizationID: organization.id, agentID: UUID(), key: "chat", now: now.addingTimeInterval(100), ttl: 20)
            #expect(stillLive.id == first.id)

            let afterExpiry = now.addingTimeInterval(121)
            let fresh = try await store.openConversation(organizationID: organization.id, agentID: UUID(), key: "chat", now: afterExpiry, ttl: 60)
            #expect(fresh.id != first.id)
            expectSameInstant(fresh.createdAt, afterExpiry)
            expectSameInstant(fresh.expiresAt, afterExpiry.addingTimeInterval(60))

            let again = try await store.openConversation(organizationID: organization.id, agentID: UUID(), key: "chat", now: afterExpiry.addingTimeInterval(1), ttl: 60)
            #expect(again.id == fresh.id)
        }
    }

    @Test(arguments: StoreKind.available)
    func conversationKeysBelongToTheirOrganization(_ kind: StoreKind) async throws {
        try await kind.withOrganization { store, organization in
            let other = try await store.makeOrganization()
            let now = Date()
            let mine = try await store.openConversation(organizationID: organization.id, agentID: UUID(), key: "shared-key", now: now, ttl: 3600)
            let theirs = try await store.openConversation(organizationID: other.id, agentID: UUID(), key: "shared-key", now: now, ttl: 3600)
            #expect(mine.id != theirs.id)
            #expect(theirs.organizationID == other.id)
            let mineAgain = try await store.openConversation(organizationID: organization.id, agentID: UUID(), key: "shared-key", now: now, ttl: 3600)
            #expect(mineAgain.id == mine.id)
        }
    }
}

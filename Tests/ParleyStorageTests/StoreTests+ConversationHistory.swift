import Foundation
import ParleyCore
import Testing

// Every conversation here expires after the real time now, so that the purges of
// `StorePurgeTests`, which run alongside on the shared PostgreSQL database, never touch them.
extension StoreTests {
    @Test(arguments: StoreKind.available)
    func historyIsReadBackInTheOrderItWasAppended(_ kind: StoreKind) async throws {
        try await kind.withOrganization { store, organization in
            let conversation = try await store.openConversation(organizationID: organization.id, agentID: UUID(), key: "chat", now: Date(), ttl: 3600)
            #expect(try await store.conversationMessages(conversationID: conversation.id).isEmpty)

            // The same instant for all of them: only the order of the appends decides.
            let at = Date()
            let messages = [
                ConversationMessage(role: .system, text: "Be brief.", at: at),
                ConversationMessage(role: .user, text: "Grüß dich — 你好?", at: at),
                ConversationMessage(role: .assistant, text: "Hello!", at: at),
                ConversationMessage(role: .user, text: "", at: at),
                ConversationMessage(role: .assistant, text: "Anything else?", at: at),
            ]
            for message in messages {
                try await store.appendConversationMessage(message, conversationID: conversation.id)
            }
            let read = try await store.conversationMessages(conversationID: conversation.id)
            #expect(read.map(\.role) == messages.map(\.role))
            #expect(read.map(\.text) == messages.map(\.text))
            for message in read {
                expectSameInstant(message.at, at)
            }
        }
    }

    @Test(arguments: StoreKind.available)
    func aLimitReadsTheMostRecentMessagesInOrder(_ kind: StoreKind) async throws {
        try await kind.withOrganization { store, organization in
            let conversation = try await store.openConversation(organizationID: organization.id, agentID: UUID(), key: "chat", now: Date(), ttl: 3600)
            let start = Date()
            for index in 0..<5 {
                let message = ConversationMessage(role: index.isMultiple(of: 2) ? .user : .assistant, text: "m\(index)", at: start.addingTimeInterval(Double(index)))
                try await store.appendConversationMessage(message, conversationID: conversation.id)
            }
            #expect(try await store.conversationMessages(conversationID: conversation.id, limit: 2).map(\.text) == ["m3", "m4"])
            #expect(try await store.conversationMessages(conversationID: conversation.id, limit: 5).map(\.text) == ["m0", "m1", "m2", "m3", "m4"])
            #expect(try await store.conversationMessages(conversationID: conversation.id, limit: 50).count == 5)
            #expect(try await store.conversationMessages(conversationID: conversation.id, limit: 0).isEmpty)
            #expect(try await store.conversationMessages(conversationID: conversation.id, limit: nil).count == 5)
            let recent = try await store.conversationMessages(conversationID: conversation.id, limit: 2)
            expectSameInstant(recent.first?.at, start.addingTimeInterval(3))
        }
    }

    @Test(arguments: StoreKind.available)
    func eachConversationHasItsOwnHistory(_ kind: StoreKind) async throws {
        try await kind.withOrganization { store, organization in
            let other = try await store.makeOrganization()
            let now = Date()
            let first = try await store.openConversation(organizationID: organization.id, agentID: UUID(), key: "a", now: now, ttl: 3600)
            let second = try await store.openConversation(organizationID: organization.id, agentID: UUID(), key: "b", now: now, ttl: 3600)
            let theirs = try await store.openConversation(organizationID: other.id, agentID: UUID(), key: "a", now: now, ttl: 3600)
            for index in 0..<3 {
                try await store.appendConversationMessage(ConversationMessage(role: .user, text: "first \(index)"), conversationID: first.id)
                try await store.appendConversationMessage(ConversationMessage(role: .user, text: "second \(index)"), conversationID: second.id)
            }
            try await store.appendConversationMessage(ConversationMessage(role: .user, text: "theirs"), conversationID: theirs.id)

            #expect(try await store.conversationMessages(conversationID: first.id).map(\.text) == ["first 0", "first 1", "first 2"])
            #expect(try await store.conversationMessages(conversationID: second.id).map(\.text) == ["second 0", "second 1", "second 2"])
            #expect(try await store.conversationMessages(conversationID: theirs.id).map(\.text) == ["theirs"])
            #expect(try await store.conversationMessages(conversationID: UUID()).isEmpty)
        }
    }

    @Test(arguments: StoreKind.available)
    func messagesNeedAConversation(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let nowhere = UUID()
            await #expect(throws: ParleyError.notFound("Conversation not found")) {
                try await store.appendConversationMessage(ConversationMessage(role: .user, text: "hello?"), conversationID: nowhere)
            }
            let history = try await store.conversationMessages(conversationID: nowhere)
            #expect(history.isEmpty)
        }
    }

    @Test(arguments: StoreKind.available)
    func aResumedConversationKeepsItsHistoryAndAnExpiredOneStartsEmpty(_ kind: StoreKind) async throws {
        try await kind.withOrganization { store, organization in
            let agentID = UUID()
            let now = Date()
            let first = try await store.openConversation(organizationID: organization.id, agentID: agentID, key: "session", now: now, ttl: 60)
            try await store.appendConversationMessage(ConversationMessage(role: .user, text: "my name is Ada"), conversationID: first.id)
            try await store.appendConversationMessage(ConversationMessage(role: .assistant, text: "hello Ada"), conversationID: first.id)

            // Resumed while live (and extended to now + 90 s): the same conversation, its history whole.
            let resumed = try await store.openConversation(organizationID: organization.id, agentID: agentID, key: "session", now: now.addingTimeInterval(30), ttl: 60)
            #expect(resumed.id == first.id)
            #expect(try await store.conversationMessages(conversationID: resumed.id).map(\.text) == ["my name is Ada", "hello Ada"])

            // Reopened after it expired: a new conversation, and nothing of the old one is left.
            let fresh = try await store.openConversation(organizationID: organization.id, agentID: agentID, key: "session", now: now.addingTimeInterval(91), ttl: 60)
            #expect(fresh.id != first.id)
            #expect(try await store.conversationMessages(conversationID: fresh.id).isEmpty)
            #expect(try await store.conversationMessages(conversationID: first.id).isEmpty, "no orphaned messages")
            await #expect(throws: ParleyError.self) {
                try await store.appendConversationMessage(ConversationMessage(role: .user, text: "late"), conversationID: first.id)
            }

            try await store.appendConversationMessage(ConversationMessage(role: .user, text: "who am I?"), conversationID: fresh.id)
            #expect(try await store.conversationMessages(conversationID: fresh.id).map(\.text) == ["who am I?"])
        }
    }

    @Test(arguments: StoreKind.available)
    func historySurvivesARestart(_ kind: StoreKind) async throws {
        let open = try kind.makeOpener()
        let now = Date()
        let (organization, conversation) = try await StoreKind.withRunning(try open()) { store in
            let organization = try await store.makeOrganization()
            let conversation = try await store.openConversation(organizationID: organization.id, agentID: UUID(), key: "restart", now: now, ttl: 3600)
            try await store.appendConversationMessage(ConversationMessage(role: .user, text: "before", at: now), conversationID: conversation.id)
            try await store.appendConversationMessage(ConversationMessage(role: .assistant, text: "the restart", at: now), conversationID: conversation.id)
            return (organization, conversation)
        }

        // A new store on the same database, as after the process restarted.
        try await StoreKind.withRunning(try open()) { store in
            #expect(try await store.appliedMigrations() == [1, 2, 3, 4])
            let resumed = try await store.openConversation(
                organizationID: organization.id, agentID: conversation.agentID, key: "restart", now: now.addingTimeInterval(60), ttl: 3600
            )
            #expect(resumed.id == conversation.id)
            let history = try await store.conversationMessages(conversationID: resumed.id)
            #expect(history.map(\.text) == ["before", "the restart"])
            #expect(history.map(\.role) == [.user, .assistant])
        }
    }
}

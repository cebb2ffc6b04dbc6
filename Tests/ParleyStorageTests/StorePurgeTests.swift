import Foundation
import Logging
import ParleyCore
import ParleyStorage
import ServiceLifecycle
import Synchronization
import Testing
import TestSupport

/// Purging expired rows, by hand and by ``StorePurger``.
///
/// A purge deletes the expired rows of every organisation in the shared PostgreSQL database, so
/// these tests run one at a time and are the only ones that make rows which have expired by the
/// real clock (the other suites' conversations and tokens all expire after the real time now).
@Suite(.serialized, .timeLimit(.minutes(1))) struct StorePurgeTests {
    @Test(arguments: StoreKind.available)
    func purgingDeletesWhatHasExpiredAndKeepsWhatIsLive(_ kind: StoreKind) async throws {
        try await kind.withOrganization { store, organization in
            let now = Date()
            let expired = try await store.makeExpiredConversation(organizationID: organization.id, messages: 3)
            let live = try await store.openConversation(organizationID: organization.id, agentID: UUID(), key: "live", now: now, ttl: 3600)
            try await store.appendConversationMessage(ConversationMessage(role: .user, text: "still here"), conversationID: live.id)
            try await store.appendConversationMessage(ConversationMessage(role: .assistant, text: "me too"), conversationID: live.id)
            let expiredToken = try await store.makeSessionToken(organizationID: organization.id, expiresAt: now.addingTimeInterval(-60))
            let usedExpiredToken = try await store.makeSessionToken(organizationID: organization.id, expiresAt: now.addingTimeInterval(-60))
            #expect(try await store.consumeSessionToken(id: usedExpiredToken, at: now.addingTimeInterval(-120)) == .admitted)
            let liveToken = try await store.makeSessionToken(organizationID: organization.id, expiresAt: now.addingTimeInterval(3600))

            let counts = try await store.purgeExpired(now: now)
            if case .sqlite = kind {
                #expect(counts == PurgeCounts(conversations: 1, messages: 3, sessionTokens: 2))
                #expect(try await store.purgeExpired(now: now) == PurgeCounts(), "nothing left to purge")
            } else {
                // The database is shared: other runs' leftovers may go too.
                #expect(counts.conversations >= 1 && counts.messages >= 3 && counts.sessionTokens >= 2, "\(counts)")
            }

            #expect(try await store.conversationMessages(conversationID: expired.id).isEmpty)
            let reopened = try await store.openConversation(organizationID: organization.id, agentID: UUID(), key: expired.key, now: now, ttl: 3600)
            #expect(reopened.id != expired.id)
            #expect(try await store.conversationMessages(conversationID: reopened.id).isEmpty)

            #expect(try await store.conversationMessages(conversationID: live.id).map(\.text) == ["still here", "me too"])
            #expect(try await store.openConversation(organizationID: organization.id, agentID: UUID(), key: "live", now: now, ttl: 3600).id == live.id)

            #expect(try await store.consumeSessionToken(id: expiredToken, at: now) == .unknown)
            #expect(try await store.consumeSessionToken(id: usedExpiredToken, at: now) == .unknown)
            #expect(try await store.consumeSessionToken(id: liveToken, at: now) == .admitted)
        }
    }

    @Test(arguments: StoreKind.available)
    func thePurgerPurgesAtStartAndThenEveryIntervalUntilShutdown(_ kind: StoreKind) async throws {
        try await kind.withOrganization { store, organization in
            let expired = try await store.makeExpiredConversation(organizationID: organization.id, messages: 2)
            let live = try await store.openConversation(organizationID: organization.id, agentID: UUID(), key: "live", now: Date(), ttl: 3600)
            try await store.appendConversationMessage(ConversationMessage(role: .user, text: "still here"), conversationID: live.id)
            let liveToken = try await store.makeSessionToken(organizationID: organization.id, expiresAt: Date().addingTimeInterval(3600))

            let log = LogRecorder()
            let purger = StorePurger(store: store, interval: .milliseconds(50), logger: log.logger)
            // `withRunning` returns only once the group has stopped: the purger ends at graceful shutdown.
            try await ServiceGroup(services: [purger], gracefulShutdownSignals: [], logger: log.logger).withRunning {
                #expect(try await eventually { try await store.conversationMessages(conversationID: expired.id).isEmpty })
                // Something that expires after the first purge goes in a later one.
                let token = try await store.makeSessionToken(organizationID: organization.id, expiresAt: Date().addingTimeInterval(-1))
                #expect(try await eventually { try await store.consumeSessionToken(id: token, at: Date()) == .unknown })
            }

            #expect(try await store.conversationMessages(conversationID: live.id).map(\.text) == ["still here"])
            #expect(try await store.consumeSessionToken(id: liveToken, at: Date()) == .admitted)
            let purges = log.entries.filter { $0.level == .debug && $0.message == "purged expired rows" }
            #expect(purges.count >= 2)
            #expect(purges.contains { $0.metadata["conversations"] != nil && $0.metadata["session_tokens"] != nil })
            #expect(!log.entries.contains { $0.level >= .warning }, "\(log.entries.filter { $0.level >= .warning })")
        }
    }

    @Test(arguments: StoreKind.available)
    func thePurgerStopsAtOnceWhileWaitingForTheNextInterval(_ kind: StoreKind) async throws {
        try await kind.withOrganization { store, organization in
            let expired = try await store.makeExpiredConversation(organizationID: organization.id, messages: 1)
            let log = LogRecorder()
            let purger = StorePurger(store: store, interval: .seconds(3600), logger: log.logger)
            let clock = ContinuousClock()
            let shutdownStarted = try await ServiceGroup(services: [purger], gracefulShutdownSignals: [], logger: log.logger).withRunning {
                // The first purge waits an interval (the store may still be migrating at start):
                // an hour's wait that the shutdown must cut short.
                try await Task.sleep(for: .milliseconds(300))
                #expect(try await store.conversationMessages(conversationID: expired.id).count == 1, "nothing purged yet")
                return clock.now
            }
            #expect(clock.now - shutdownStarted < .seconds(5))
        }
    }

    @Test func thePurgerKeepsGoingAfterAFailure() async throws {
        // Not migrated yet: every purge fails until the schema is there.
        let store = try SQLiteStore(path: try makeTemporaryDirectory() + "/parley.sqlite")
        let log = LogRecorder()
        let purger = StorePurger(store: store, interval: .milliseconds(50), logger: log.logger)
        try await ServiceGroup(services: [store, purger], gracefulShutdownSignals: [], logger: log.logger).withRunning {
            #expect(try await eventually { log.entries.contains { $0.level == .warning && $0.message.hasPrefix("purging expired rows failed") } })
            try await store.migrate()
            let organization = try await store.makeOrganization()
            let token = try await store.makeSessionToken(organizationID: organization.id, expiresAt: Date().addingTimeInterval(-1))
            #expect(try await eventually { try await store.consumeSessionToken(id: token, at: Date()) == .unknown })
        }
    }
}

extension Store {
    /// A conversation that expired an hour ago by the real clock, with `messages` messages.
    fileprivate func makeExpiredConversation(organizationID: UUID, messages: Int) async throws -> Conversation {
        let opened = Date().addingTimeInterval(-7200)
        let conversation = try await openConversation(
            organizationID: organizationID, agentID: UUID(), key: "expired-\(UUID().lowercasedString)", now: opened, ttl: 3600
        )
        for index in 0..<messages {
            try await appendConversationMessage(ConversationMessage(role: .user, text: "old \(index)", at: opened), conversationID: conversation.id)
        }
        return conversation
    }

    /// A recorded single-use session token id.
    fileprivate func makeSessionToken(organizationID: UUID, expiresAt: Date) async throws -> String {
        let id = "jti-\(UUID().lowercasedString)"
        try await recordSessionToken(id: id, organizationID: organizationID, expiresAt: expiresAt)
        return id
    }
}

/// Whether `condition` holds within `timeout`, asking every 20 ms.
private func eventually(timeout: Duration = .seconds(20), _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}

/// Keeps what is logged through ``logger``, for the tests to read.
private final class LogRecorder: Sendable {
    struct Entry: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: Logger.Metadata
    }

    private let recorded = Mutex<[Entry]>([])

    var entries: [Entry] { recorded.withLock { $0 } }

    var logger: Logger {
        var logger = Logger(label: "store-purge-tests") { _ in Handler(recorder: self) }
        logger.logLevel = .debug
        return logger
    }

    fileprivate func record(_ entry: Entry) {
        recorded.withLock { $0.append(entry) }
    }

    private struct Handler: LogHandler {
        let recorder: LogRecorder
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            recorder.record(Entry(level: event.level, message: event.message.description, metadata: metadata.merging(event.metadata ?? [:]) { $1 }))
        }
    }
}

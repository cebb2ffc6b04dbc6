import Foundation
import Logging
import ParleyCore
import ParleyStorage
import Testing
import TestSupport

/// A store the shared suite runs against: SQLite always, PostgreSQL when
/// `PARLEY_TEST_DATABASE_URL` names a database (`scripts/with-postgres.sh` sets it).
enum StoreKind: Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres(url: String)

    static var available: [StoreKind] {
        var kinds: [StoreKind] = [.sqlite]
        if let url = ProcessInfo.processInfo.environment["PARLEY_TEST_DATABASE_URL"], !url.isEmpty {
            kinds.append(.postgres(url: url))
        }
        return kinds
    }

    var testDescription: String {
        switch self {
        case .sqlite: "sqlite"
        case .postgres: "postgres"
        }
    }

    private static let logger: Logger = {
        var logger = Logger(label: "parley-storage-tests")
        logger.logLevel = .warning
        return logger
    }()

    /// Runs `body` with a migrated, running store: a fresh SQLite file, or the shared PostgreSQL database.
    func withStore<T: Sendable>(_ body: @Sendable (any Store) async throws -> T) async throws -> T {
        try await StoreOpener.withRunning(try makeOpener()(), logger: Self.logger, body)
    }

    /// Something that opens a new store on one and the same database each time it is called (a
    /// fresh SQLite file, or the shared PostgreSQL database), to act out a process restarting.
    func makeOpener() throws -> @Sendable () throws -> any Store {
        switch self {
        case .sqlite:
            let path = try makeTemporaryDirectory() + "/parley.sqlite"
            return { try SQLiteStore(path: path) }
        case .postgres(let url):
            return { try PostgresStore(url: url, logger: Self.logger) }
        }
    }

    /// Runs `store` and migrates it for the length of `body`, then shuts it down.
    static func withRunning<T: Sendable>(_ store: any Store, _ body: @Sendable (any Store) async throws -> T) async throws -> T {
        try await StoreOpener.withRunning(store, logger: logger, body)
    }

    /// Runs `body` with a running store and an organisation of its own, so that tests sharing a
    /// PostgreSQL database never see each other's rows.
    func withOrganization<T: Sendable>(_ body: @Sendable (any Store, Organization) async throws -> T) async throws -> T {
        try await withStore { store in
            let organization = try await store.makeOrganization()
            return try await body(store, organization)
        }
    }
}

extension Store {
    /// A new organisation with a random name.
    func makeOrganization() async throws -> Organization {
        try #require(try await organization(named: "test-org-\(UUID().lowercasedString)", createIfMissing: true))
    }
}

/// PostgreSQL keeps microseconds and SQLite a Double, so stored instants are compared to the millisecond.
func expectSameInstant(_ actual: Date?, _ expected: Date?, sourceLocation: SourceLocation = #_sourceLocation) {
    switch (actual, expected) {
    case (nil, nil):
        return
    case (let actual?, let expected?):
        #expect(abs(actual.timeIntervalSince(expected)) < 0.001, "\(actual) is not \(expected)", sourceLocation: sourceLocation)
    default:
        Issue.record("\(String(describing: actual)) is not \(String(describing: expected))", sourceLocation: sourceLocation)
    }
}

import Foundation
import GRDB
import ParleyCore
import ServiceLifecycle

/// The embedded store: one SQLite file in WAL mode, read by a pool of connections.
public struct SQLiteStore: Store {
    public let kind = "sqlite"
    /// The database file.
    public let path: String
    let pool: DatabasePool

    /// Opens (creating if needed) the database file at `path`.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            // WAL keeps readers off the writer's back; NORMAL is durable across process crashes.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        configuration.busyMode = .timeout(5)
        self.path = path
        pool = try DatabasePool(path: path, configuration: configuration)
    }

    public func migrate() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            SQLiteMigrations.migrator.asyncMigrate(pool) { result in
                continuation.resume(with: result.map { _ in })
            }
        }
    }

    public func appliedMigrations() async throws -> [Int] {
        try await pool.read { db in
            try SQLiteMigrations.migrator.appliedIdentifiers(db).compactMap(Int.init).sorted()
        }
    }

    /// Holds the database open until the service group shuts down.
    public func run() async throws {
        try? await gracefulShutdown()
        try pool.close()
    }
}

extension Database {
    /// One row from a cached prepared statement.
    func row(_ sql: String, _ arguments: StatementArguments = []) throws -> Row? {
        try Row.fetchOne(cachedStatement(sql: sql), arguments: arguments)
    }

    func rows(_ sql: String, _ arguments: StatementArguments = []) throws -> [Row] {
        try Row.fetchAll(cachedStatement(sql: sql), arguments: arguments)
    }

    func run(_ sql: String, _ arguments: StatementArguments = []) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }

    /// Runs a statement and answers how many rows it changed.
    func changes(_ sql: String, _ arguments: StatementArguments = []) throws -> Int {
        try run(sql, arguments)
        return changesCount
    }
}

extension Date {
    /// SQLite keeps times as seconds since 1970 (REAL), which sort and compare as numbers.
    var sqliteValue: Double { timeIntervalSince1970 }

    init(sqliteValue: Double) {
        self.init(timeIntervalSince1970: sqliteValue)
    }
}

extension Row {
    func uuid(_ column: String) -> UUID {
        UUID(uuidString: self[column])!
    }

    func date(_ column: String) -> Date {
        Date(sqliteValue: self[column])
    }

    func optionalDate(_ column: String) -> Date? {
        (self[column] as Double?).map(Date.init(sqliteValue:))
    }
}

import Foundation
import Logging
import ParleyCore
import PostgresNIO
import ServiceLifecycle

/// The store for running several nodes: PostgreSQL through a PostgresNIO connection pool.
public struct PostgresStore: Store {
    public let kind = "postgres"
    let client: PostgresClient
    let logger: Logger

    /// Connects lazily to the database a `postgres://user:password@host:port/database` URL names;
    /// `?sslmode=require` asks for TLS.
    public init(url: String, logger: Logger) throws {
        self.client = PostgresClient(configuration: try PostgresURL.configuration(from: url), backgroundLogger: logger)
        self.logger = logger
    }

    /// Runs the connection pool until the service group shuts down.
    public func run() async throws {
        await client.run()
    }

    public func migrate() async throws {
        try await PostgresMigrations.apply(on: client, logger: logger)
    }

    public func appliedMigrations() async throws -> [Int] {
        try await PostgresMigrations.applied(on: client, logger: logger)
    }

    /// Runs `body` in a transaction. A ``ParleyError`` thrown inside comes out as itself rather than
    /// wrapped in PostgresNIO's `PostgresTransactionError`, so callers get what SQLite throws.
    func transaction<T: Sendable>(_ body: nonisolated(nonsending) (PostgresConnection) async throws -> sending T) async throws -> T {
        do {
            return try await client.withTransaction(logger: logger, body)
        } catch let error as PostgresTransactionError {
            if let parleyError = error.closureError as? ParleyError { throw parleyError }
            throw error
        }
    }

    /// Rows of a query, each ready to be read by column name.
    func rows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        try await client.query(query, logger: logger).collect().map { $0.makeRandomAccess() }
    }

    func row(_ query: PostgresQuery) async throws -> PostgresRandomAccessRow? {
        try await rows(query).first
    }
}

extension PostgresRandomAccessRow {
    /// The column's value, decoded as `T` (optionals decode SQL NULL as `nil`).
    func get<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        try self[column].decode(T.self)
    }
}

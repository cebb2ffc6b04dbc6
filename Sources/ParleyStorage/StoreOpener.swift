import Foundation
import Logging
import ParleyCore
import ServiceLifecycle

/// Opens the store a configuration names, and runs one for the length of a piece of work.
public enum StoreOpener {
    /// PostgreSQL when `databaseURL` is given, else `parley.sqlite` in `dataDirectory` (created if missing).
    public static func open(dataDirectory: String, databaseURL: String?, logger: Logger) throws -> any Store {
        if let databaseURL {
            return try PostgresStore(url: databaseURL, logger: logger)
        }
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        return try SQLiteStore(path: (dataDirectory as NSString).appendingPathComponent("parley.sqlite"))
    }

    /// Runs `store` as a service, migrates it, hands it to `body`, then shuts it down: for command-line
    /// tools and tests that use a store outside `parley serve`.
    public static func withRunning<T: Sendable>(
        _ store: any Store,
        logger: Logger,
        _ body: @Sendable (any Store) async throws -> T
    ) async throws -> T {
        try await ServiceGroup(services: [store], gracefulShutdownSignals: [], logger: logger).withRunning {
            try await store.migrate()
            return try await body(store)
        }
    }
}

import ArgumentParser
import Configuration
import Logging
import ParleyCore
import ParleyServer
import ParleyStorage

/// Where the data lives: shared by every command so they all see the same store as `serve`.
struct StoreOptions: ParsableArguments {
    @Option(help: "Directory for the SQLite database and generated secrets (default ./.parley, or PARLEY_DATA_DIR).")
    var dataDir: String?

    @Option(help: "postgres://user:password@host:port/database to use PostgreSQL instead of SQLite (or PARLEY_DATABASE_URL).")
    var databaseUrl: String?

    /// Command-line values first, then `PARLEY_*` environment variables, then defaults.
    func reader(extra: [AbsoluteConfigKey: ConfigValue] = [:]) -> ConfigReader {
        var values = extra
        if let dataDir { values["parley.dataDir"] = .init(.string(dataDir), isSecret: false) }
        if let databaseUrl { values["parley.databaseUrl"] = .init(.string(databaseUrl), isSecret: true) }
        return ConfigReader(providers: [
            InMemoryProvider(name: "arguments", values: values),
            EnvironmentVariablesProvider(),
        ])
    }

    /// Opens the configured store, migrates it, and runs `body` with it.
    func withStore<T: Sendable>(_ body: @Sendable (any Store) async throws -> T) async throws -> T {
        let settings = try ServerSettings(reader: reader())
        var logger = Logger(label: "parley")
        logger.logLevel = .warning
        let store = try StoreOpener.open(dataDirectory: settings.dataDirectory, databaseURL: settings.databaseURL, logger: logger)
        return try await StoreOpener.withRunning(store, logger: logger, body)
    }
}

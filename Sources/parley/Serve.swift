import ArgumentParser
import Configuration
import Hummingbird
import Metrics
import ParleyServer
import Prometheus

/// `parley serve`: runs the HTTP server until SIGINT or SIGTERM, then shuts down gracefully.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the Parley server.")

    @Option(help: "Address to listen on (default 127.0.0.1, or PARLEY_HOST).")
    var host: String?

    @Option(help: "Port to listen on (default 8080, or PARLEY_PORT).")
    var port: Int?

    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        var values: [AbsoluteConfigKey: ConfigValue] = [:]
        if let host { values["parley.host"] = .init(.string(host), isSecret: false) }
        if let port { values["parley.port"] = .init(.int(port), isSecret: false) }
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let app = try await buildApplication(reader: storeOptions.reader(extra: values), registry: registry)
        try await app.runService()
    }
}

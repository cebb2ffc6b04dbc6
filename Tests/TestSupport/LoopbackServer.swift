import Hummingbird
import ParleyCore
import Logging
import ServiceLifecycle

/// Runs a Hummingbird router on a free loopback port for the length of `body`, which gets the port.
public enum LoopbackServer {
    public static func run<T: Sendable>(
        _ router: Router<BasicRequestContext>,
        _ body: @Sendable (_ port: Int) async throws -> T
    ) async throws -> T {
        let logger = Logger(label: "loopback-server")
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in portContinuation.yield(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        return try await ServiceGroup(services: [app], gracefulShutdownSignals: [], logger: logger).withRunning {
            var iterator = ports.makeAsyncIterator()
            return try await body(await iterator.next() ?? 0)
        }
    }

    /// A port that nothing listens on (bound, then closed at once).
    public static func closedPort() async throws -> Int {
        try await run(Router()) { port in port }
    }
}

import AsyncHTTPClient
import Foundation
import Logging
import ServiceLifecycle

/// Runs llama.cpp's `llama-server` as a child process: started when first needed, health-checked,
/// restarted when it dies or stops answering, and stopped when the service group shuts down.
public actor LlamaServerSupervisor: Service {
    public struct Configuration: Sendable {
        public var executable: String
        public var model: String
        public var threads = 2
        public var contextSize = 4096
        /// Replies generated at once (llama-server's slots); the context is shared between them.
        public var parallel = 4
        /// How hard idle worker threads spin waiting for work (llama.cpp's `--poll`, 0…100).
        /// 0 by default: the server shares the cores with Whisper and Piper, and spinning threads
        /// take the time those need when several calls are busy at once.
        public var polling = 0
        /// How long a start may take before it counts as failed.
        public var startupTimeout: Duration = .seconds(60)
        /// How often a running server is asked whether it is healthy.
        public var healthInterval: Duration = .seconds(5)
        /// Waited before starting again after a failure.
        public var restartDelay: Duration = .milliseconds(500)
        /// Where the server's own output goes; `nil` to discard it.
        public var logFile: String?

        public init(executable: String, model: String) {
            self.executable = executable
            self.model = model
        }
    }

    private enum State {
        case idle
        case starting
        case running(port: Int)
    }

    public let configuration: Configuration
    private let logger: Logger
    private let httpClient: HTTPClient
    private var state = State.idle
    private var process: ChildProcess?
    /// The last exit status of a process that has ended, once reaped.
    private var exitStatus: Int32?
    private var waiters: [CheckedContinuation<String, any Error>] = []
    private let demands: AsyncStream<Void>
    private let demand: AsyncStream<Void>.Continuation
    /// How many times the server has been started, for tests and metrics.
    public private(set) var launches = 0

    public init(configuration: Configuration, logger: Logger, httpClient: HTTPClient = .shared) {
        self.configuration = configuration
        self.logger = logger
        self.httpClient = httpClient
        (demands, demand) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// The server's OpenAI-compatible base URL (`http://127.0.0.1:PORT/v1`), starting it if needed.
    public func baseURL() async throws -> String {
        if case .running(let port) = state { return Self.url(port) }
        demand.yield()
        return try await withCheckedThrowingContinuation { waiters.append($0) }
    }

    /// Starts the server if it has not been started yet, without waiting for it: a call asks as
    /// it begins, so that the server is up by the time the caller has said something to answer.
    public nonisolated func prepare() {
        demand.yield()
    }

    /// The process id of the running server, if any.
    public var processID: Int32? { process?.pid }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await self.supervise()
        }
        await stopProcess()
        failWaiters(CancellationError())
    }

    private func supervise() async {
        for await _ in demands {
            break
        }
        var failures = 0
        while !Task.isCancelled {
            do {
                let port = try await start()
                failures = 0
                state = .running(port: port)
                for waiter in waiters { waiter.resume(returning: Self.url(port)) }
                waiters.removeAll()
                await watch(port: port)
            } catch {
                if Task.isCancelled { return }
                logger.error("llama-server failed to start", metadata: ["error": "\(error)"])
                failWaiters(error)
                failures += 1
            }
            state = .idle
            await stopProcess()
            if Task.isCancelled { return }
            // A server that keeps failing to start is retried ever more slowly (up to 64 times the delay).
            try? await Task.sleep(for: configuration.restartDelay * (1 << min(failures, 6)))
        }
    }

    /// Launches the process and waits until it answers `/health`.
    private func start() async throws -> Int {
        state = .starting
        guard FileManager.default.isExecutableFile(atPath: configuration.executable) else {
            throw EngineError.missingFile(configuration.executable)
        }
        guard FileManager.default.fileExists(atPath: configuration.model) else {
            throw EngineError.missingFile(configuration.model)
        }
        let port = try FreePort.find()
        let process = try ChildProcess(
            executable: configuration.executable,
            arguments: [
                "-m", configuration.model, "-t", String(configuration.threads), "-c", String(configuration.contextSize),
                "-np", String(configuration.parallel), "--poll", String(configuration.polling),
                // Below the speech engines (nice 5, SCHED_BATCH): a reply's first piece is
                // synthesised while the model writes the next, and Piper must not wait for it.
                "--prio", "-1",
                "--host", "127.0.0.1", "--port", String(port),
            ],
            outputPath: configuration.logFile
        )
        self.process = process
        exitStatus = nil
        launches += 1
        logger.info("llama-server starting", metadata: ["pid": "\(process.pid)", "port": "\(port)"])

        let deadline = ContinuousClock.now + configuration.startupTimeout
        while ContinuousClock.now < deadline {
            if let status = process.exitStatus() {
                self.process = nil
                throw EngineError.processExited(status: status)
            }
            if await isHealthy(port: port) { return port }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw EngineError.startupTimedOut
    }

    /// Returns when the server has died or failed three health checks in a row.
    private func watch(port: Int) async {
        var failures = 0
        var nextCheck = ContinuousClock.now + configuration.healthInterval
        while !Task.isCancelled, let process {
            if let status = process.exitStatus() {
                self.process = nil
                exitStatus = status
                break
            }
            if ContinuousClock.now >= nextCheck {
                failures = await isHealthy(port: port) ? 0 : failures + 1
                if failures >= 3 {
                    logger.error("llama-server stopped answering; restarting it")
                    return
                }
                nextCheck = ContinuousClock.now + configuration.healthInterval
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
        if !Task.isCancelled {
            logger.error("llama-server exited; restarting it", metadata: ["status": "\(exitStatus ?? -1)"])
        }
    }

    private func isHealthy(port: Int) async -> Bool {
        let request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/health")
        guard let response = try? await httpClient.execute(request, timeout: .seconds(2)) else { return false }
        _ = try? await response.body.collect(upTo: 64 * 1024)
        return response.status == .ok
    }

    /// SIGTERM, up to 5 s to exit, then SIGKILL, and waits until it is gone. Runs to the end even
    /// in a cancelled task (shutdown is when it matters most), without blocking a thread.
    private func stopProcess() async {
        guard let process else { return }
        self.process = nil
        guard process.exitStatus() == nil else { return }
        process.signal(SIGTERM)
        for _ in 0..<50 {
            await Self.pause(.milliseconds(100))
            if process.exitStatus() != nil { return }
        }
        process.signal(SIGKILL)
        while process.exitStatus() == nil {
            await Self.pause(.milliseconds(20))
        }
    }

    /// A wait that cancellation does not cut short.
    private static func pause(_ duration: Duration) async {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(duration / .nanoseconds(1)))) {
                continuation.resume()
            }
        }
    }

    private func failWaiters(_ error: any Error) {
        for waiter in waiters { waiter.resume(throwing: error) }
        waiters.removeAll()
    }

    private static func url(_ port: Int) -> String { "http://127.0.0.1:\(port)/v1" }
}

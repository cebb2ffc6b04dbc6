import Engines
import Foundation
import Logging
import ParleyCore
import ServiceLifecycle
import Testing

/// The supervisor's process handling, with a stand-in server (`Tests/peers/fake_llama_server.py`)
/// so that starting, killing and restarting take milliseconds. The real llama-server is tested in
/// `LocalLanguageModelTests`.
@Suite struct LlamaServerSupervisorTests {
    static let fakeServer = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("peers/fake_llama_server.py").path

    func configuration(executable: String = fakeServer) -> LlamaServerSupervisor.Configuration {
        var configuration = LlamaServerSupervisor.Configuration(executable: executable, model: Self.fakeServer)
        configuration.startupTimeout = .seconds(20)
        configuration.restartDelay = .milliseconds(50)
        configuration.healthInterval = .milliseconds(200)
        return configuration
    }

    /// Runs `supervisor` in a service group for the length of `body`, then shuts it down.
    func running<T: Sendable>(_ supervisor: LlamaServerSupervisor, _ body: @Sendable () async throws -> T) async throws -> T {
        try await ServiceGroup(services: [supervisor], gracefulShutdownSignals: [], logger: Logger(label: "test")).withRunning(body)
    }

    @Test func startsOnDemandAndStopsOnShutdown() async throws {
        let supervisor = LlamaServerSupervisor(configuration: configuration(), logger: Logger(label: "test"))
        let pid = try await running(supervisor) {
            try await Task.sleep(for: .milliseconds(300))
            #expect(await supervisor.launches == 0, "nothing starts before it is needed")
            let url = try await supervisor.baseURL()
            #expect(url.hasPrefix("http://127.0.0.1:") && url.hasSuffix("/v1"))
            #expect(await supervisor.launches == 1)
            #expect(try await supervisor.baseURL() == url, "a running server is reused")
            return try #require(await supervisor.processID)
        }
        #expect(kill(pid, 0) != 0, "the process is gone after shutdown")
    }

    @Test func preparingStartsTheServerWithoutWaitingForIt() async throws {
        let supervisor = LlamaServerSupervisor(configuration: configuration(), logger: Logger(label: "test"))
        try await running(supervisor) {
            supervisor.prepare()
            let deadline = ContinuousClock.now + .seconds(20)
            while await supervisor.processID == nil, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(await supervisor.processID != nil, "started with nobody waiting")
            _ = try await supervisor.baseURL()
            supervisor.prepare()
            try await Task.sleep(for: .milliseconds(300))
            #expect(await supervisor.launches == 1, "a running server is left alone")
        }
    }

    @Test func aKilledServerIsRestarted() async throws {
        let supervisor = LlamaServerSupervisor(configuration: configuration(), logger: Logger(label: "test"))
        try await running(supervisor) {
            _ = try await supervisor.baseURL()
            let first = try #require(await supervisor.processID)
            kill(first, SIGKILL)
            let deadline = ContinuousClock.now + .seconds(20)
            while await supervisor.launches < 2, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
            _ = try await supervisor.baseURL()
            #expect(await supervisor.launches == 2)
            let second = try #require(await supervisor.processID)
            #expect(second != first)
            let reply = try await LocalLanguageModel(supervisor: supervisor, model: "fake").generate(
                ChatRequest(messages: [.user("Hi")])
            ) { _ in }
            #expect(reply.text == "Hello from fake")
        }
    }

    @Test func aMissingExecutableIsATypedError() async throws {
        let supervisor = LlamaServerSupervisor(configuration: configuration(executable: "/nonexistent/llama-server"), logger: Logger(label: "test"))
        try await running(supervisor) {
            await #expect(throws: EngineError.missingFile("/nonexistent/llama-server")) {
                try await supervisor.baseURL()
            }
        }
    }
}

import Engines
import Foundation
import Logging
import ParleyCore
import ServiceLifecycle
import TestSupport
import Testing

/// The real llama-server with the smallest model (SmolLM2-135M).
@Suite(.enabled(if: LocalEngines.llamaAvailable, "needs llama-server and SmolLM2 from scripts/install-engines.sh"), .serialized)
struct LocalLanguageModelTests {
    /// One slot, so a reply that was not stopped would hold up the next.
    func withModel<T: Sendable>(_ body: @Sendable (LlamaServerSupervisor, LocalLanguageModel) async throws -> T) async throws -> T {
        var configuration = LlamaServerSupervisor.Configuration(executable: LocalEngines.llamaServer, model: LocalEngines.testModel)
        configuration.parallel = 1
        configuration.restartDelay = .milliseconds(50)
        let supervisor = LlamaServerSupervisor(configuration: configuration, logger: Logger(label: "test"))
        return try await ServiceGroup(services: [supervisor], gracefulShutdownSignals: [], logger: Logger(label: "test")).withRunning {
            try await body(supervisor, LocalLanguageModel(supervisor: supervisor, model: "smollm2"))
        }
    }

    static let question = ChatRequest(
        messages: [.system("You are a helpful assistant."), .user("Write three sentences about the sea.")],
        temperature: 0, maxTokens: 80
    )

    @Test func theReplyStreamsTokenByToken() async throws {
        try await withModel { _, model in
            var pieces: [String] = []
            let reply = try await model.generate(Self.question) { delta in
                if case .text(let text) = delta { pieces.append(text) }
            }
            #expect(pieces.count >= 5, "streamed in many pieces, not one")
            #expect(pieces.joined() == reply.text)
            #expect(reply.text.split(separator: " ").count >= 5)
        }
    }

    @Test func cancellingMidReplyStopsGeneration() async throws {
        try await withModel { _, model in
            let long = ChatRequest(messages: [.user("Count from one to five hundred in words.")], temperature: 0, maxTokens: 2_000)
            let generation = Task {
                var count = 0
                _ = try await model.generate(long) { _ in
                    count += 1
                    if count == 3 { withUnsafeCurrentTask { $0?.cancel() } }
                }
            }
            let outcome = await generation.result
            #expect(throws: CancellationError.self) { try outcome.get() }
            // The server stopped that reply: a new one starts at once instead of queueing behind 2,000
            // tokens (over 20 s at SmolLM's ~90 tokens a second). The bound leaves room for a loaded
            // machine, where llama-server runs below the other tests (it is at nice 5).
            let start = ContinuousClock.now
            var first: Duration?
            _ = try await model.generate(ChatRequest(messages: [.user("Say hi.")], maxTokens: 8)) { _ in
                if first == nil { first = ContinuousClock.now - start }
            }
            #expect(try #require(first) < .seconds(10))
        }
    }

    @Test func aPrefilledConversationIsNotReadAgain() async throws {
        try await withModel { _, model in
            let conversation: [ChatMessage] = [
                .system("You are the receptionist of a dental practice. " + String(repeating: "Be kind, be brief, and never give medical advice. ", count: 8)),
                .user("Hello, is this the dentist?"),
                .assistant("Yes, this is the practice. How can I help?"),
            ]
            let next = ChatRequest(messages: conversation + [.user("Can I come on Monday?")], temperature: 0, maxTokens: 4)
            try await model.prefill(conversation)
            let usage = try #require(try await model.generate(next) { _ in }.usage)
            // All but the new words and the template around them came from the cache (without
            // the prefill, this first request of a fresh server would read all of it).
            #expect(usage.promptTokens > 100)
            #expect(usage.promptTokens - usage.cachedPromptTokens <= 20, "\(usage)")
        }
    }

    @Test func theServerRunsBelowTheSpeechEngines() async throws {
        try await withModel { supervisor, model in
            _ = try await model.generate(ChatRequest(messages: [.user("Hi")], maxTokens: 2)) { _ in }
            let pid = try #require(await supervisor.processID)
            // /proc/PID/stat: the nice value is the 19th field, counted after the command's ")".
            let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
            let fields = stat[stat.range(of: ")")!.upperBound...].split(separator: " ")
            #expect(fields[16] == "5", "nice 5 (llama.cpp's --prio -1)")
        }
    }

    @Test func aDeadServerIsRestarted() async throws {
        try await withModel { supervisor, model in
            _ = try await model.generate(ChatRequest(messages: [.user("Hi")], maxTokens: 4)) { _ in }
            let pid = try #require(await supervisor.processID)
            kill(pid, SIGKILL)
            let deadline = ContinuousClock.now + .seconds(30)
            while await supervisor.launches < 2, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }
            let reply = try await model.generate(ChatRequest(messages: [.user("Hi")], maxTokens: 4)) { _ in }
            #expect(!reply.text.isEmpty)
            #expect(await supervisor.launches == 2)
        }
    }

    @Test func aCorruptModelIsATypedError() async throws {
        let corrupt = try makeTemporaryDirectory() + "/corrupt.gguf"
        try Data("not a model".utf8).write(to: URL(fileURLWithPath: corrupt))
        var configuration = LlamaServerSupervisor.Configuration(executable: LocalEngines.llamaServer, model: corrupt)
        configuration.restartDelay = .seconds(60)
        let supervisor = LlamaServerSupervisor(configuration: configuration, logger: Logger(label: "test"))
        try await ServiceGroup(services: [supervisor], gracefulShutdownSignals: [], logger: Logger(label: "test")).withRunning {
            await #expect {
                try await supervisor.baseURL()
            } throws: { error in
                error as? EngineError == .processExited(status: 1)
            }
        }
    }
}

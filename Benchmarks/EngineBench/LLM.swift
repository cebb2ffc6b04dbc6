import ArgumentParser
import Engines
import Foundation
import Logging
import ServiceLifecycle

/// Time to first token and tokens/s of the local llama-server, over several short replies.
struct LLM: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Time to first token and tokens/s of a local llama-server model.")

    @Option(help: "The llama-server executable.") var server: String
    @Option(help: "The GGUF model.") var model: String
    @Option(help: "Replies to time.") var runs = 10
    @Option(help: "Threads for llama-server.") var threads = 2
    @Option(help: "llama-server's --poll (0…100).") var poll = 0

    func run() async throws {
        var configuration = LlamaServerSupervisor.Configuration(executable: server, model: model)
        configuration.threads = threads
        configuration.polling = poll
        let supervisor = LlamaServerSupervisor(configuration: configuration, logger: Logger(label: "bench"))
        let group = ServiceGroup(services: [supervisor], gracefulShutdownSignals: [], logger: Logger(label: "bench"))
        let (runs, model) = (runs, model)
        try await group.withRunning {
            let start = ContinuousClock.now
            _ = try await supervisor.baseURL()
            print("server ready in \(format(ContinuousClock.now - start))")
            let language = LocalLanguageModel(supervisor: supervisor, model: URL(fileURLWithPath: model).lastPathComponent)
            let prompts = ["What is the capital of France?", "Say hello to a caller.", "Name three colours.", "What day comes after Monday?"]
            var firstTokens: [Duration] = []
            var rates: [Double] = []
            for run in 0...runs {
                let request = ChatRequest(
                    messages: [.system("You are a concise voice assistant."), .user(prompts[run % prompts.count])],
                    temperature: 0, maxTokens: 64
                )
                let clock = ContinuousClock()
                let begin = clock.now
                var first: ContinuousClock.Instant?
                var pieces = 0
                _ = try await language.generate(request) { _ in
                    if first == nil { first = clock.now }
                    pieces += 1
                }
                let end = clock.now
                guard run > 0, let first else { continue }  // run 0 warms the server up
                firstTokens.append(first - begin)
                // Pieces after the first over the time after the first: generation speed alone.
                rates.append(Double(pieces - 1) / max((end - first) / .seconds(1), 0.001))
            }
            firstTokens.sort()
            rates.sort()
            print("runs: \(firstTokens.count)")
            print("time to first token: p50 \(format(firstTokens[firstTokens.count / 2])), max \(format(firstTokens.last!))")
            print(String(format: "tokens/s: p50 %.1f", rates[rates.count / 2]))
        }
    }
}

import ArgumentParser
import Audio
import Engines
import Foundation
import Logging
import ParleyCore
import ServiceLifecycle

/// Several calls' engines at once, each turn as a call runs it: the caller's utterance through the
/// VAD in real-time 20 ms frames, Whisper on the utterance, the language model's reply, and Piper
/// speaking it. Runs: one call alone; `--calls` calls in lockstep (every stage of every call at
/// the same moment: the worst case); the same calls staggered, as independent callers are; and one
/// call beside a long synthesis on the same voice. Each stage's real-time factor and latency are
/// reported per run.
struct Calls: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Per-stage RTF and latency with several calls at once.")

    @Option(help: "PARLEY_HOME: the engines and models.") var home: String
    @Option(help: "Calls at once.") var calls = 4
    @Option(help: "Turns per call.") var turns = 3
    @Option(help: "Local chat model (a .gguf in the models directory, without the extension).") var llm = "qwen2.5-0.5b-instruct-q4_k_m"
    @Option(help: "Whisper model.") var stt = "tiny.en"
    @Option(help: "llama-server's --poll (0…100).") var llmPoll = 0
    @Option(help: "Threads per engine job (PARLEY_ENGINE_THREADS).") var threads = 2

    func run() async throws {
        var configuration = EngineConfiguration(home: home)
        configuration.localModel = llm
        configuration.speechToTextModel = stt
        configuration.llamaPolling = llmPoll
        configuration.threads = threads
        var logger = Logger(label: "bench")
        logger.logLevel = .warning
        let catalog = EngineCatalog(configuration: configuration, logger: logger)
        let group = ServiceGroup(services: [catalog], gracefulShutdownSignals: [], logger: logger)
        let (calls, turns) = (calls, turns)
        try await group.withRunning {
            // Warm every engine (and start llama-server) before timing.
            let utterance = try await catalog.withEngines(for: AgentSettings(name: "Bench")) { engines in
                guard let voice = engines.textToSpeech as? PiperTextToSpeech else { throw ValidationError("needs the Piper voice") }
                let utterance = try await speechSample("Hello, could you tell me when the restaurant opens tomorrow?", voice: voice)
                _ = try await Turn.run(engines, utterance: utterance)
                return utterance
            }
            let voice = try await catalog.textToSpeech(.piper(configuration.voice))

            print("| run | stage | RTF p50 | RTF max | latency p50 | latency max |")
            print("|---|---|---|---|---|---|")
            report("1 call", try await Turn.runCalls(1, turns: turns, catalog: catalog, utterance: utterance))
            report("\(calls) calls in lockstep", try await Turn.runCalls(calls, turns: turns, catalog: catalog, utterance: utterance))
            report("\(calls) calls staggered", try await Turn.runCalls(calls, turns: turns, catalog: catalog, utterance: utterance, stagger: .milliseconds(1_200)))
            let long = String(repeating: "This sentence is one of many in a long reply that keeps the voice busy for a while. ", count: 20)
            let beside = try await withThrowingTaskGroup(of: [Turn]?.self) { tasks in
                tasks.addTask {
                    for try await _ in voice.synthesize(long, options: SpeechOptions()) {}
                    return nil
                }
                tasks.addTask { try await Turn.runCalls(1, turns: turns, catalog: catalog, utterance: utterance) }
                var turns: [Turn] = []
                for try await result in tasks { turns += result ?? [] }
                return turns
            }
            report("1 call beside a long synthesis", beside)
        }
    }

    private func report(_ run: String, _ turns: [Turn]) {
        func row(_ stage: String, _ rtf: KeyPath<Turn, Double>, _ latency: KeyPath<Turn, Duration>, _ latencyName: String) {
            let (rtfMedian, rtfMax) = medianAndMax(turns.map { $0[keyPath: rtf] })
            let (latencyMedian, latencyMax) = medianAndMax(turns.map { $0[keyPath: latency] })
            print(String(format: "| %@ | %@ | %.3f | %.3f | %@ %@ | %@ |", run, stage, rtfMedian, rtfMax, latencyName, format(latencyMedian), format(latencyMax)))
        }
        row("VAD", \.vadRTF, \.vadEndLatency, "end detected after")
        row("STT", \.sttRTF, \.sttLatency, "transcript")
        row("LLM", \.llmRTF, \.firstToken, "first token")
        row("TTS", \.ttsRTF, \.firstAudio, "first audio")
    }
}

/// One turn's timings.
struct Turn: Sendable {
    var vadRTF = 0.0
    /// From the end of the speech to the VAD reporting it (its minimum silence is 250 ms).
    var vadEndLatency = Duration.zero
    var sttRTF = 0.0
    var sttLatency = Duration.zero
    /// Streaming time after the first token over the duration of the speech it became: below 1,
    /// text outruns speech (the wait for the first token is `firstToken`).
    var llmRTF = 0.0
    var firstToken = Duration.zero
    var ttsRTF = 0.0
    var firstAudio = Duration.zero

    /// `calls` calls of `turns` turns each, call `n` starting `n × stagger` after the first.
    static func runCalls(_ calls: Int, turns: Int, catalog: EngineCatalog, utterance: PCMAudio, stagger: Duration = .zero) async throws -> [Turn] {
        try await withThrowingTaskGroup(of: [Turn].self) { tasks in
            for call in 0..<calls {
                tasks.addTask {
                    try await Task.sleep(for: stagger * call)
                    return try await catalog.withEngines(for: AgentSettings(name: "Bench")) { engines in
                        var results: [Turn] = []
                        for _ in 0..<turns { results.append(try await run(engines, utterance: utterance)) }
                        return results
                    }
                }
            }
            return try await tasks.reduce(into: []) { $0 += $1 }
        }
    }

    static func run(_ engines: AgentEngines, utterance: PCMAudio) async throws -> Turn {
        let clock = ContinuousClock()
        var turn = Turn()
        let stream = try engines.voiceActivity.makeStream()
        let audio = utterance.samples + [Float](repeating: 0, count: 16_000)
        var heard: PCMAudio?
        var busy = Duration.zero
        let started = clock.now
        for (index, frame) in stride(from: 0, to: audio.count, by: 320).enumerated() {
            // Frames arrive in real time, as on a call.
            try await clock.sleep(until: started + .milliseconds(20 * (index + 1)))
            let before = clock.now
            let events = stream.accept(Array(audio[frame..<min(frame + 320, audio.count)]))
            busy += clock.now - before
            if case .speechEnded(let speech, _, _)? = events.last(where: { if case .speechEnded = $0 { true } else { false } }) {
                heard = speech
                turn.vadEndLatency = clock.now - (started + utterance.duration)
                break
            }
        }
        guard let heard else { throw ValidationError("the VAD heard no utterance") }
        turn.vadRTF = (busy / .seconds(1)) / (utterance.duration / .seconds(1))

        let sttStart = clock.now
        let text = try await engines.speechToText.transcribe(heard, language: "en")
        turn.sttLatency = clock.now - sttStart
        turn.sttRTF = (turn.sttLatency / .seconds(1)) / (heard.duration / .seconds(1))

        let llmStart = clock.now
        var firstToken: ContinuousClock.Instant?
        let reply = try await engines.languageModel.generate(ChatRequest(
            messages: [.system("You are a friendly restaurant receptionist on the phone. Answer in one or two short sentences."), .user(text)],
            temperature: 0, maxTokens: 48
        )) { _ in
            if firstToken == nil { firstToken = clock.now }
        }
        let llmEnd = clock.now
        turn.firstToken = (firstToken ?? llmEnd) - llmStart

        let ttsStart = clock.now
        var spoken = 0
        for try await chunk in engines.textToSpeech.synthesize(reply.text, options: SpeechOptions()) {
            if spoken == 0 { turn.firstAudio = clock.now - ttsStart }
            spoken += chunk.samples.count
        }
        let speech = Double(max(spoken, 1)) / Double(engines.textToSpeech.sampleRate)
        turn.ttsRTF = ((clock.now - ttsStart) / .seconds(1)) / speech
        turn.llmRTF = ((llmEnd - (firstToken ?? llmEnd)) / .seconds(1)) / speech
        return turn
    }
}

import Audio
import Conversation
import Engines
import Foundation
import Logging
import ParleyCore
import Synchronization

/// Engine doubles for driving a ``LiveCall`` without models: the VAD follows a script of events
/// by frame number, speech-to-text says how much audio it was given, the model and the voice
/// answer at once.
enum CallDoubles {
    static func engines(vad: ScriptedVoiceActivity, stt: CountingSpeechToText, model: any LanguageModel) -> AgentEngines {
        let settings = AgentSettings(name: "Test")
        return AgentEngines(
            choice: EngineChoice(settings: settings, configuration: EngineConfiguration(home: "/nonexistent-parley-test"), inventory: EngineInventory()),
            voiceActivity: vad,
            speechToText: stt,
            languageModel: model,
            textToSpeech: ToneTextToSpeech()
        )
    }

    /// Runs a call over `frames` 20 ms frames of input (each sent after `pace`), the VAD saying
    /// what `script` says, and keeps the line open until `replies` replies were sent whole.
    static func run(
        script: [Int: [VoiceActivityEvent]], frames: Int, pace: Duration,
        stt: CountingSpeechToText, model: any LanguageModel, replies: Int = 1
    ) async throws -> RecordedCallOutput {
        let output = RecordedCallOutput()
        var agent = AgentSettings(name: "Test")
        agent.welcomeMessage = nil
        let live = try LiveCall(
            settings: CallSettings(agent: agent, resuming: false),
            engines: engines(vad: ScriptedVoiceActivity(script: script), stt: stt, model: model),
            output: output,
            logger: Logger(label: "test")
        )
        let (input, feed) = AsyncStream<CallInput>.makeStream()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { _ = await live.run(input: input) }
            for _ in 0..<frames {
                feed.yield(.audio([Float](repeating: 0, count: 320)))
                try await Task.sleep(for: pace)
            }
            defer { feed.finish() }
            try await output.waitForReplies(replies)
        }
        return output
    }

    /// `milliseconds` of silence at 16 kHz, as the VAD's utterances carry it.
    static func audio(_ milliseconds: Int) -> PCMAudio {
        PCMAudio(samples: [Float](repeating: 0, count: milliseconds * 16), sampleRate: 16_000)
    }
}

/// Answers each frame (counted from 0) with the events the script gives it.
struct ScriptedVoiceActivity: VoiceActivityDetector {
    let script: [Int: [VoiceActivityEvent]]
    var sampleRate: Int { 16_000 }

    func makeStream() throws -> any VoiceActivityStream {
        ScriptedVoiceActivityStream(script: script)
    }
}

final class ScriptedVoiceActivityStream: VoiceActivityStream {
    private let script: [Int: [VoiceActivityEvent]]
    private var frame = 0

    init(script: [Int: [VoiceActivityEvent]]) {
        self.script = script
    }

    func watchForOnsets(_ watching: Bool) throws {}

    func accept(_ samples: [Float]) -> [VoiceActivityEvent] {
        defer { frame += 1 }
        return script[frame] ?? []
    }

    func flush() -> [VoiceActivityEvent] { [] }
}

/// Hears "I said N milliseconds." for N ms of audio, after `delay`; remembers what it was asked.
final class CountingSpeechToText: SpeechToText {
    let delay: Duration
    private let asked = Mutex<[Int]>([])
    var sampleRate: Int { 16_000 }

    init(delay: Duration) {
        self.delay = delay
    }

    /// The length in milliseconds of each utterance it was asked to transcribe, in order.
    var requests: [Int] { asked.withLock { $0 } }

    func transcribe(_ audio: PCMAudio, language: String?) async throws -> String {
        let milliseconds = audio.samples.count / 16
        asked.withLock { $0.append(milliseconds) }
        try await Task.sleep(for: delay)
        return "I said \(milliseconds) milliseconds."
    }
}

/// Answers "Noted." to everything, and remembers what the caller's last message was each time
/// and which conversations it was asked to read ahead (each taking `prefillDelay`).
final class RecordingLanguageModel: LanguageModel {
    /// What the model was asked, in order.
    enum Call: Equatable {
        case prefill([ChatMessage])
        case prefilled
        case generate(lastUserMessage: String)
    }

    let prefillDelay: Duration
    private let log = Mutex<[Call]>([])

    init(prefillDelay: Duration = .zero) {
        self.prefillDelay = prefillDelay
    }

    var calls: [Call] { log.withLock { $0 } }

    var lastUserMessages: [String] {
        calls.compactMap { if case .generate(let said) = $0 { said } else { nil } }
    }

    var prefills: [[ChatMessage]] {
        calls.compactMap { if case .prefill(let messages) = $0 { messages } else { nil } }
    }

    func generate(_ request: ChatRequest, onDelta: (ChatDelta) async throws -> Void) async throws -> ChatReply {
        log.withLock { $0.append(.generate(lastUserMessage: request.messages.last?.content ?? "")) }
        try await onDelta(.text("Noted."))
        return ChatReply(text: "Noted.", finishReason: "stop")
    }

    func prefill(_ messages: [ChatMessage]) async throws {
        log.withLock { $0.append(.prefill(messages)) }
        try await Task.sleep(for: prefillDelay)
        log.withLock { $0.append(.prefilled) }
    }
}

/// Answers with a phrase it then repeats until it is stopped or has said it 200 times.
struct LoopingLanguageModel: LanguageModel {
    func generate(_ request: ChatRequest, onDelta: (ChatDelta) async throws -> Void) async throws -> ChatReply {
        try await onDelta(.text("A large animal name is"))
        for _ in 0..<200 { try await onDelta(.text(" a large animal name")) }
        return ChatReply(text: "", finishReason: "length")
    }
}

/// Speaks every piece as 100 ms of a tone, at once.
struct ToneTextToSpeech: TextToSpeech {
    var sampleRate: Int { 16_000 }

    func synthesize(_ text: String, options: SpeechOptions) -> SpeechChunks {
        SpeechChunks(pieces: SpeechSegmenter.pieces(of: text)) { _ in
            PCMAudio(samples: (0..<1_600).map { Float(sin(Double($0) / 4)) * 0.2 }, sampleRate: 16_000)
        }
    }
}

/// Collects what a call sends its caller.
actor RecordedCallOutput: CallOutput {
    private(set) var events: [CallEvent] = []

    func send(_ event: CallEvent) async throws {
        events.append(event)
    }

    var userTranscripts: [String] {
        events.compactMap { if case .transcript(.user, let text, true) = $0 { text } else { nil } }
    }

    /// Waits until the agent has sent a whole reply `count` times.
    func waitForReplies(_ count: Int, timeout: Duration = .seconds(10)) async throws {
        let deadline = ContinuousClock.now + timeout
        while events.filter({ $0 == .speechEnded }).count < count {
            guard ContinuousClock.now < deadline else { throw TimedOut(events: events) }
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}

struct TimedOut: Error {
    var events: [CallEvent]
}

import Audio
import Engines
import Foundation
import HummingbirdWSClient
import Logging
import NIOCore
import TestSupport

/// What a voice socket client got from the server, in order, each with when it arrived.
actor VoiceSocketLog {
    struct Message: Decodable, Sendable {
        struct Payload: Decodable, Sendable {
            var role: String?
            var text: String?
            var isFinal: Bool?
            var message: String?
        }

        var type: String
        var agentName: String?
        var historyKey: String?
        var callId: String?
        var payload: Payload?
    }

    enum Item: Sendable {
        case message(Message)
        case audio([UInt8])
    }

    private(set) var items: [(at: ContinuousClock.Instant, item: Item)] = []
    /// Whether the server's side has ended (it closed, or the connection went).
    private(set) var closed = false

    func close() {
        closed = true
    }

    /// Waits until the server has closed the socket.
    func waitForClose(timeout: Duration = .seconds(10)) async throws {
        let deadline = ContinuousClock.now + timeout
        while !closed {
            guard ContinuousClock.now < deadline else { throw VoiceSocketTimeout() }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// How long the agent's audio among items `range` plays (MP3 or 24 kHz PCM16).
    func audioDuration(_ range: Range<Int>) throws -> Duration {
        var total = Duration.zero
        for index in range {
            guard case .audio(let bytes) = items[index].item else { continue }
            let samples = (try? MP3Decoder.decode(bytes).samples.count) ?? bytes.count / 2
            total += .nanoseconds(Int64(samples) * 1_000_000_000 / 24_000)
        }
        return total
    }

    func append(_ item: Item) {
        items.append((ContinuousClock.now, item))
    }

    var messages: [Message] {
        items.compactMap { if case .message(let message) = $0.item { message } else { nil } }
    }

    /// Final transcripts of `role`, in order.
    func finals(_ role: String) -> [String] {
        messages.filter { $0.type == "transcript" && $0.payload?.role == role && $0.payload?.isFinal == true }.compactMap(\.payload?.text)
    }

    /// Waits until an item after the first `after` ones satisfies `match`, and answers its index
    /// and arrival time.
    func waitFor(after: Int = 0, timeout: Duration = .seconds(60), _ match: @Sendable (Item) -> Bool) async throws -> (index: Int, at: ContinuousClock.Instant) {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let index = items.indices.first(where: { $0 >= after && match(items[$0].item) }) {
                return (index, items[index].at)
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw VoiceSocketTimeout()
    }

    func waitForMessage(_ type: String, after: Int = 0, timeout: Duration = .seconds(60)) async throws -> (index: Int, at: ContinuousClock.Instant) {
        try await waitFor(after: after, timeout: timeout) { if case .message(let message) = $0 { message.type == type } else { false } }
    }

    /// Waits until nothing has arrived for `quiet`.
    func waitUntilQuiet(for quiet: Duration, timeout: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + timeout
        while let last = items.last?.at, ContinuousClock.now - last < quiet {
            guard ContinuousClock.now < deadline else { throw VoiceSocketTimeout() }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    func waitForAudio(after: Int = 0, timeout: Duration = .seconds(60)) async throws -> (index: Int, at: ContinuousClock.Instant) {
        try await waitFor(after: after, timeout: timeout) { if case .audio = $0 { true } else { false } }
    }
}

struct VoiceSocketTimeout: Error {}

/// A real WebSocket client of `/ws/voice`, speaking PCM16 at 16 kHz in real time.
enum VoiceSocketClient {
    /// Connects with `query`, runs `body` while a reader fills the log, then closes; answers how
    /// the server closed (when it did) and everything received.
    static func connect(
        port: Int, query: String,
        _ body: @escaping @Sendable (WebSocketOutboundWriter, VoiceSocketLog) async throws -> Void = { _, _ in }
    ) async throws -> (close: WebSocketCloseFrame?, log: VoiceSocketLog) {
        let log = VoiceSocketLog()
        let close = try await WebSocketClient.connect(
            url: "ws://127.0.0.1:\(port)/ws/voice?\(query)",
            configuration: .init(maxFrameSize: 1 << 20),
            logger: Logger(label: "voice-test-client")
        ) { inbound, outbound, _ in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    do {
                        for try await message in inbound.messages(maxSize: 1 << 22) {
                            switch message {
                            case .text(let text):
                                await log.append(.message(try JSONDecoder().decode(VoiceSocketLog.Message.self, from: Data(text.utf8))))
                            case .binary(let buffer):
                                await log.append(.audio(Array(buffer.readableBytesView)))
                            }
                        }
                    } catch {
                        await log.close()
                        throw error
                    }
                    await log.close()
                }
                try await body(outbound, log)
                try await outbound.close(.normalClosure, reason: nil)
                try await group.waitForAll()
            }
        }
        return (close, log)
    }

    /// Sends `samples` (16 kHz) in 20 ms frames at real-time pace; answers when the last frame went.
    @discardableResult
    static func speak(_ samples: [Float], to outbound: WebSocketOutboundWriter) async throws -> ContinuousClock.Instant {
        let frame = 320
        let start = ContinuousClock.now
        var sent = 0
        while sent < samples.count {
            let end = min(samples.count, sent + frame)
            let bytes = PCMAudio(samples: Array(samples[sent..<end]), sampleRate: 16_000).pcm16LittleEndian
            try await outbound.write(.binary(ByteBuffer(bytes: bytes)))
            sent = end
            try await Task.sleep(until: start + .milliseconds(sent / 16), clock: .continuous)
        }
        return ContinuousClock.now
    }

    /// Keeps the line open while `wait` runs, sending silence in real time as a microphone would,
    /// and answers what `wait` answers.
    static func listening<Result: Sendable>(
        on outbound: WebSocketOutboundWriter, until wait: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        try await listening(sending: { try await speak(silence(.milliseconds(100)), to: outbound) }, until: wait)
    }

    /// Runs `keepAlive` over and over (it should take real time) while `wait` runs, and answers
    /// what `wait` answers.
    static func listening<Result: Sendable>(
        sending keepAlive: @escaping @Sendable () async throws -> Void, until wait: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask { try await wait() }
            group.addTask {
                while !Task.isCancelled { try await keepAlive() }
                return nil
            }
            defer { group.cancelAll() }
            while let next = try await group.next() {
                if let result = next { return result }
            }
            throw CancellationError()
        }
    }

    static func silence(_ duration: Duration) -> [Float] {
        [Float](repeating: 0, count: Int(duration / .milliseconds(1)) * 16)
    }
}

/// The caller's lines, spoken by the Piper voice at 16 kHz.
enum CallerVoice {
    static func say(_ text: String) async throws -> [Float] {
        let voice = try PiperTextToSpeech(modelPath: LocalEngines.piperJoe, threads: 1)
        var samples: [Float] = []
        for try await chunk in voice.synthesize(text, options: SpeechOptions()) {
            samples += chunk.samples
        }
        return try PCMAudio(samples: samples, sampleRate: voice.sampleRate).resampled(to: 16_000).samples
    }
}

import ArgumentParser
import Engines
import Foundation
import HummingbirdWSClient
import Logging
import NIOCore
import NIOWebSocket

/// `parley call`: talks with an agent of a running Parley server over `/ws/voice` (seed 002), as a
/// browser would, with synthesised or recorded lines instead of a microphone.
///
/// Each `--say` text is spoken by the local text-to-speech, then each `--wav` file, at real-time
/// pace in 20 ms frames of PCM16 16 kHz; after each line the client keeps sending silence until
/// the agent's reply has ended and would have finished playing (or `--reply-timeout` passes).
/// It prints the transcripts, the latency of each reply (from the end of the line's speech to
/// the reply's first audio) and a summary, with the `historyKey` that `--session` resumes.
///
/// Exit status: 0 when every line was answered and the call ended with 1000; 2 when some line got
/// no complete reply in time; 1 when the server could not be reached, the connection broke, or
/// the server ended the call (with 1000) before the last line; otherwise, when the server closed
/// with another code, that code modulo 256 (4001 → 161, 4002 → 162, 4003 → 163, 4004 → 164,
/// 4005 → 165, 4029 → 189, 1008 → 240, 1011 → 243).
struct Call: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Talk with an agent of a running server over /ws/voice, with synthesised or recorded lines.",
        discussion: """
            Exit status: 0 when every line was answered; 2 when some line got no reply in time; \
            1 when the server cannot be reached or ended the call early; otherwise the server's \
            close code modulo 256 (4001 unauthorized → 161, 4002 no credits → 162, 4003 model not \
            allowed → 163, 4004 engine unavailable → 164, 4005 agent not found → 165, 4029 rate \
            limited → 189, 1008 → 240).
            """
    )

    @Option(help: "The agent's id (default: the organization's first active voice agent).")
    var agent: String?

    @Option(help: "A line to say, synthesised with the local text-to-speech; repeat for more lines.")
    var say: [String] = []

    @Option(help: "A 16-bit PCM WAV file to say after the --say lines; repeat for more.")
    var wav: [String] = []

    @Option(help: "Directory to save the agent's audio in: reply-NNN.mp3 (or .wav with --pcm) per piece, and agent.wav.")
    var save: String?

    @Option(help: "The server's base URL.")
    var url = "http://127.0.0.1:8080"

    @Option(help: "API key (or PARLEY_API_KEY).")
    var apiKey: String?

    @Option(help: "A historyKey of an earlier call, to continue its conversation.")
    var session: String?

    @Flag(help: "Ask for raw PCM16 24 kHz audio instead of MP3.")
    var pcm = false

    @Option(help: "The voice for --say: a Piper voice directory in the models directory, or espeak:VOICE (default: the configured default voice).")
    var voice: String?

    @Option(help: "Seconds to wait for each reply to end, from the end of its line.")
    var replyTimeout = 30

    @Option(help: "Say each line after the first over the reply to the one before, this many milliseconds after its first audio, and time how soon the agent stops.")
    var bargeIn: Int?

    @Flag(help: "Log the WebSocket client's workings.")
    var verbose = false

    func validate() throws {
        guard resolvedAPIKey != nil else { throw ValidationError("an API key is needed: --api-key, or PARLEY_API_KEY") }
        guard replyTimeout > 0 else { throw ValidationError("--reply-timeout must be positive") }
        if let bargeIn, bargeIn < 0 { throw ValidationError("--barge-in must not be negative") }
        if let agent, agent.isEmpty { throw ValidationError("--agent must not be empty") }
    }

    private var resolvedAPIKey: String? {
        (apiKey ?? ProcessInfo.processInfo.environment["PARLEY_API_KEY"]).flatMap { $0.isEmpty ? nil : $0 }
    }

    func run() async throws {
        var logger = Logger(label: "parley.call")
        logger.logLevel = verbose ? .debug : .warning

        let endpoint = CallEndpoint(apiKey: resolvedAPIKey ?? "", agentID: agent, sessionID: session, pcm16: pcm)
        let socketURL: String
        do {
            socketURL = try endpoint.url(base: url)
        } catch {
            throw ValidationError(error.description)
        }
        let lines = try await loadLines(logger: logger)
        let recorder = try save.map { try CallRecorder(directory: $0) }
        let session = CallSession(mp3: !pcm, recorder: recorder)
        var client = CallClient(url: socketURL, lines: lines, session: session, logger: logger)
        client.replyTimeout = .seconds(replyTimeout)
        client.bargeIn = bargeIn.map { .milliseconds($0) }

        let close: WebSocketCloseFrame?
        do {
            close = try await client.run()
        } catch {
            // The URL holds the API key: name only the server.
            printError("could not talk to \(url)/ws/voice: \(Self.describe(error))")
            throw ExitCode.failure
        }
        let (report, savedTo) = await session.finish()
        printSummary(report, agentAudio: savedTo)
        try exit(after: close, report)
    }

    /// The lines to say, synthesised or read.
    private func loadLines(logger: Logger) async throws -> [CallLine] {
        var lines: [CallLine] = []
        if !say.isEmpty {
            let catalog = EngineCatalog(configuration: EngineConfiguration(home: EngineConfiguration.defaultHome), logger: logger)
            let voice = try await catalog.textToSpeech(chooseVoice(catalog))
            for text in say {
                lines.append(try await CallLine.synthesized(text, voice: voice))
            }
        }
        for path in wav {
            do {
                lines.append(try CallLine.read(wav: path))
            } catch {
                throw ValidationError("cannot read \(path): \(error)")
            }
        }
        return lines
    }

    /// `--voice`, else the configured default voice if installed, else espeak-ng's `en-us`.
    private func chooseVoice(_ catalog: EngineCatalog) -> EngineChoice.Voice {
        let name = voice ?? catalog.configuration.voice
        if name.hasPrefix("espeak:") { return .espeak(String(name.dropFirst("espeak:".count))) }
        if catalog.inventory.piperVoices[name] != nil { return .piper(name) }
        if voice != nil { return .piper(name) }  // fails with the missing file's name
        return .espeak("en-us")
    }

    private func printSummary(_ report: CallSession.Report, agentAudio: String?) {
        // Refused before `connected`: the close code says it all.
        guard report.historyKey != nil else { return }
        let summary = LatencySummary(report.latencies)
        print("")
        print("turns: \(report.turns), answered: \(summary.count), unanswered: \(report.unanswered)")
        if let median = summary.median, let maximum = summary.maximum {
            print("latency (end of your speech → first audio): p50 \(LatencySummary.milliseconds(median)) ms, max \(LatencySummary.milliseconds(maximum)) ms")
        }
        let bargeIns = LatencySummary(report.bargeIns)
        if let median = bargeIns.median, let maximum = bargeIns.maximum {
            print("barge-in (you began speaking over the agent → audioStop): p50 \(LatencySummary.milliseconds(median)) ms, max \(LatencySummary.milliseconds(maximum)) ms, \(bargeIns.count) of \(report.turns - 1)")
        }
        let gaps = LatencySummary(report.playbackGaps)
        if let maximum = gaps.maximum {
            let total = report.playbackGaps.reduce(Duration.zero, +)
            print("playback ran dry between pieces: \(gaps.count) times, \(LatencySummary.milliseconds(total)) ms in all, longest \(LatencySummary.milliseconds(maximum)) ms")
        }
        if let agentAudio { print("agent audio: \(agentAudio)") }
        if let historyKey = report.historyKey {
            print("session: \(historyKey)  (continue with --session \(historyKey))")
        }
    }

    /// Throws the exit status the call deserves (see the type's documentation).
    private func exit(after close: WebSocketCloseFrame?, _ report: CallSession.Report) throws {
        guard let close else {
            printError("the connection ended without a close frame")
            throw ExitCode.failure
        }
        let code = Int(UInt16(webSocketErrorCode: close.closeCode))
        guard code == 1000 else {
            let hint = Self.hints[code].map { " (\($0))" } ?? ""
            printError("the server closed the call: \(code) \(close.reason ?? "")\(hint)")
            throw ExitCode(Int32(code % 256 == 0 ? 1 : code % 256))
        }
        guard report.finished else {
            let reason = close.reason.flatMap { $0.isEmpty ? nil : ": \($0)" } ?? ""
            printError("the server ended the call (1000) before the last line was answered\(reason)")
            throw ExitCode.failure
        }
        if report.unanswered > 0 { throw ExitCode(2) }
    }

    /// What to do about each close code of seed 002.
    private static let hints: [Int: String] = [
        4001: "check the API key",
        4002: "the organization has no credits: parley credits grant",
        4003: "the agent's model is not allowed",
        4004: "an engine the agent needs is unavailable on the server",
        4005: "check --agent: no such active voice agent in the key's organization",
        4029: "rate limited: wait a minute",
        1008: "the request was refused",
        1011: "the server failed",
    ]

    /// A connection error in words, "connection refused" first of all.
    static func describe(_ error: any Error) -> String {
        if let error = error as? WebSocketClientError, error == .webSocketUpgradeFailed {
            return "the server refused the WebSocket upgrade (is it a Parley server?)"
        }
        let text = "\(error)"
        if text.localizedCaseInsensitiveContains("refused") || text.contains("ECONNREFUSED") {
            return "connection refused (is `parley serve` running there?)"
        }
        return text
    }

    private func printError(_ message: String) {
        FileHandle.standardError.write(Data("parley call: \(message)\n".utf8))
    }
}

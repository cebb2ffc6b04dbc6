import ArgumentParser
import Audio
import Foundation
import NIOCore
import Synchronization

/// Runs `sessions` callers against a `voice-bench serve` for `seconds`: of `/ws/voice`, or with
/// `--transport twilio` Twilio Media Streams callers of `/ws/twilio/stream`, or with
/// `--transport sip` SIP callers with RTP. Each sends 20 ms frames in real time (PCM16 at 16 kHz,
/// or µ-law at 8 kHz in Twilio's JSON `media` messages or RTP packets), `tone-ms` of a loud tone
/// then `quiet-ms` of silence over and over, and times how soon the agent's first audio follows
/// the end of each tone. While every session is connected (the steady window) it samples the
/// server's CPU time and RSS from /proc (and its own CPU, the client's share of the machine).
/// Prints one JSON object.
struct Load: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run concurrent /ws/voice callers against `serve`.")

    @Option(help: "Server port on 127.0.0.1.") var port = 8089
    @Option(help: "API key.") var apiKey: String
    @Option(help: "Agent id.") var agentId: String
    @Option(help: "The server's pid, to sample its CPU and memory (0: don't).") var serverPid = 0
    @Option(help: "Concurrent sessions.") var sessions = 10
    @Option(help: "Seconds of steady state (every session connected).") var seconds = 20
    @Option(help: "Seconds over which sessions connect (their phases spread evenly).") var ramp = 3
    @Option(help: "Tone length, ms (a multiple of 20).") var toneMs = 1_500
    @Option(help: "Silence after each tone, ms (a multiple of 20).") var quietMs = 1_500
    @Option(help: "mp3 or pcm16 (/ws/voice only).") var audioFormat = "mp3"
    @Option(help: "voice (/ws/voice), twilio (/ws/twilio/stream) or sip (SIP and RTP, to --sip-port).") var transport = "voice"
    @Option(help: "The server's SIP port on 127.0.0.1, for --transport sip.") var sipPort = 5060
    @Option(help: "A WAV file of speech to say instead of the tone (for a server with real engines); --tone-ms is then its length.") var speech: String?

    func run() async throws {
        let said = try speech.map { try WAVFile.read(Array(try Data(contentsOf: URL(fileURLWithPath: $0)))) }
        func utterance(rate: Int) throws -> [PCMAudio] {
            try said.map { try Wire.frames(of: $0, rate: rate) } ?? Wire.tone(frames: toneMs / 20, rate: rate)
        }
        let telephone = try utterance(rate: 8_000)
        let cycleFrames = telephone.count + quietMs / 20
        let caller: Caller
        switch transport {
        case "voice": caller = .socket(.voice(apiKey: apiKey, agentID: agentId, audioFormat: audioFormat, utterance: try utterance(rate: 16_000)))
        case "twilio": caller = .socket(.twilio(apiKey: apiKey, agentID: agentId, utterance: telephone))
        case "sip": caller = .sip(SIPCaller(serverPort: sipPort, tone: telephone.map(\.muLaw)))
        default: throw ValidationError("--transport must be voice, twilio or sip")
        }
        let clock = ContinuousClock()
        let origin = clock.now + .milliseconds(200)
        let steadyStart = origin + .seconds(ramp)
        let steadyEnd = steadyStart + .seconds(seconds)
        let (sessions, serverPid) = (sessions, serverPid)
        let baselineRSS = serverPid > 0 ? ProcStat.rssKiB(pid: serverPid) : 0

        let results = Shared<[SessionResult]>([])
        let monitor = Shared(Monitor())
        await withDiscardingTaskGroup { group in
            group.addTask {
                // The server and this process, over the steady window.
                try? await Task.sleep(until: steadyStart, clock: .continuous)
                let server0 = serverPid > 0 ? ProcStat.cpuSeconds(pid: serverPid) : 0
                let client0 = ProcStat.cpuSeconds(pid: nil)
                let wall0 = clock.now
                while clock.now < steadyEnd {
                    let rss = serverPid > 0 ? ProcStat.rssKiB(pid: serverPid) : 0
                    monitor.withLock { $0.peakRSS = max($0.peakRSS, rss) }
                    try? await Task.sleep(for: .milliseconds(250))
                }
                let server1 = serverPid > 0 ? ProcStat.cpuSeconds(pid: serverPid) : 0
                let client1 = ProcStat.cpuSeconds(pid: nil)
                let wall = (clock.now - wall0) / .seconds(1)
                monitor.withLock {
                    $0.serverCPU = server1 - server0
                    $0.clientCPU = client1 - client0
                    $0.wall = wall
                }
            }
            let starts = (0..<sessions).map { origin + .milliseconds(ramp * 1_000 * $0 / max(1, sessions)) }
            switch caller {
            case .socket(let wire):
                group.addTask { [port] in
                    let callers = SocketCallers(wire: wire, port: port, cycleFrames: cycleFrames, steadyStart: steadyStart, end: steadyEnd)
                    let all = await callers.run(starts: starts)
                    results.withLock { $0 += all }
                }
            case .sip(let sip):
                let frameClock = FrameClock()
                group.addTask { await frameClock.run(until: steadyEnd + .seconds(1)) }
                for start in starts {
                    group.addTask {
                        let result = await sip.session(on: frameClock, start: start, steadyStart: steadyStart, end: steadyEnd, cycleFrames: cycleFrames)
                        results.withLock { $0.append(result) }
                    }
                }
            }
        }

        let all = results.withLock { $0 }
        let window = monitor.withLock { $0 }
        let latencies = all.flatMap(\.latencies).sorted()
        let lags = all.flatMap(\.sendLags).sorted()
        let sessionSeconds = Double(sessions) * window.wall
        let summary = Summary(
            sessions: sessions,
            completed: all.filter { $0.failure == nil && !$0.endedEarly }.count,
            failures: Array(Set(all.compactMap(\.failure))).sorted(),
            endedEarly: all.filter(\.endedEarly).count,
            steadySeconds: window.wall,
            turns: all.reduce(0) { $0 + $1.turns },
            replies: latencies.count,
            missedReplies: all.reduce(0) { $0 + $1.missed },
            errorMessages: all.reduce(0) { $0 + $1.errors },
            audioMessages: all.reduce(0) { $0 + $1.audioMessages },
            audioBytes: all.reduce(0) { $0 + $1.audioBytes },
            replyLatencyMs: Percentiles(latencies),
            sendLagMs: Percentiles(lags),
            serverCPUSeconds: window.serverCPU,
            serverCores: window.serverCPU / max(window.wall, 0.001),
            serverCPUPerSessionSecond: window.serverCPU / max(sessionSeconds, 0.001),
            serverBaselineRSSMiB: Double(baselineRSS) / 1_024,
            serverPeakRSSMiB: Double(window.peakRSS) / 1_024,
            serverMiBPerSession: Double(window.peakRSS - baselineRSS) / 1_024 / Double(max(1, sessions)),
            clientCPUSeconds: window.clientCPU,
            clientCores: window.clientCPU / max(window.wall, 0.001)
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print(String(decoding: try encoder.encode(summary), as: UTF8.self))
    }

    /// Speaks the caller's cycle on `clock` until `end`: `send(phase)` for each 20 ms frame (a
    /// tone for the first `toneFrames` phases of `cycleFrames`, then silence) when a microphone
    /// would have captured all of it, noting each tone's end and how late each frame went.
    static func speak(
        on clock: FrameClock, cycleFrames: Int, toneFrames: Int, steadyStart: ContinuousClock.Instant, end: ContinuousClock.Instant,
        state: Shared<SessionResult>, send: @escaping @Sendable (Int) async throws -> Void
    ) async throws {
        try await clock.speak(until: end) { index, due in
            let lag = ContinuousClock.now - due
            let phase = index % cycleFrames
            try await send(phase)
            state.withLock { $0.sent(phase: phase, due: due, lag: lag, toneFrames: toneFrames, steadyStart: steadyStart) }
        }
    }
}

/// How the load's callers reach the server.
enum Caller: Sendable {
    case socket(Wire)
    case sip(SIPCaller)
}

struct SessionResult: Sendable {
    var pendingToneEnd: ContinuousClock.Instant?
    var turns = 0
    var latencies: [Double] = []
    var sendLags: [Double] = []
    var missed = 0
    var errors = 0
    var audioMessages = 0
    var audioBytes = 0
    var endedEarly = false
    var hungUp = false
    var failure: String?

    /// The frame of `phase` in the caller's cycle, due at `due`, went out `lag` late: the tone
    /// ends with its last frame, and a reply to the tone before that never came.
    mutating func sent(phase: Int, due: ContinuousClock.Instant, lag: Duration, toneFrames: Int, steadyStart: ContinuousClock.Instant) {
        if due >= steadyStart { sendLags.append(lag / .milliseconds(1)) }
        guard phase == toneFrames - 1 else { return }
        if let missed = pendingToneEnd, missed >= steadyStart { self.missed += 1 }
        pendingToneEnd = due
        if due >= steadyStart { turns += 1 }
    }

    /// The agent's audio came at `now`: the reply to the last tone, if one is owed.
    mutating func heard(bytes: Int, at now: ContinuousClock.Instant, steadyStart: ContinuousClock.Instant) {
        audioMessages += 1
        audioBytes += bytes
        if let toneEnd = pendingToneEnd {
            if toneEnd >= steadyStart { latencies.append((now - toneEnd) / .milliseconds(1)) }
            pendingToneEnd = nil
        }
    }

    /// The session as it ended: a reply still owed for a tone that ended over a second before
    /// hanging up was missed.
    func closed(end: ContinuousClock.Instant, steadyStart: ContinuousClock.Instant) -> SessionResult {
        var result = self
        if let pending = pendingToneEnd, pending >= steadyStart, end - pending > .seconds(1) { result.missed += 1 }
        return result
    }
}

struct Monitor: Sendable {
    var peakRSS = 0
    var serverCPU = 0.0
    var clientCPU = 0.0
    var wall = 0.0
}

struct Percentiles: Encodable {
    var count: Int
    var p50: Double?
    var p90: Double?
    var p99: Double?
    var max: Double?

    init(_ sorted: [Double]) {
        count = sorted.count
        func at(_ q: Double) -> Double? {
            sorted.isEmpty ? nil : (sorted[min(sorted.count - 1, Int(q * Double(sorted.count)))] * 10).rounded() / 10
        }
        (p50, p90, p99, max) = (at(0.5), at(0.9), at(0.99), sorted.last.map { ($0 * 10).rounded() / 10 })
    }
}

struct Summary: Encodable {
    var sessions: Int
    var completed: Int
    var failures: [String]
    var endedEarly: Int
    var steadySeconds: Double
    var turns: Int
    var replies: Int
    var missedReplies: Int
    var errorMessages: Int
    var audioMessages: Int
    var audioBytes: Int
    var replyLatencyMs: Percentiles
    var sendLagMs: Percentiles
    var serverCPUSeconds: Double
    var serverCores: Double
    var serverCPUPerSessionSecond: Double
    var serverBaselineRSSMiB: Double
    var serverPeakRSSMiB: Double
    var serverMiBPerSession: Double
    var clientCPUSeconds: Double
    var clientCores: Double
}

/// CPU time and resident memory from /proc (Linux).
enum ProcStat {
    /// utime + stime of `pid` (this process when `nil`), in seconds.
    static func cpuSeconds(pid: Int?) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid.map(String.init) ?? "self")/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After the command: state is field 3, utime 14, stime 15.
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// VmRSS of `pid`, in KiB.
    static func rssKiB(pid: Int) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]) ?? 0
        }
        return 0
    }
}

/// A value behind a lock, shared by reference between tasks.
final class Shared<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) { mutex = Mutex(value) }

    func withLock<R: Sendable>(_ body: (inout Value) -> R) -> R {
        mutex.withLock { value in body(&value) }
    }
}

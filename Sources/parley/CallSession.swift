import Audio
import Foundation

/// What `parley call` knows about its call while it runs: shared by the task that listens to the
/// server and the one that speaks, and printing what happens as it happens.
///
/// Times are offsets from the moment the session was made (just before connecting).
actor CallSession {
    /// What the call came to, for the summary and the exit status.
    struct Report: Sendable {
        var agentName: String?
        var historyKey: String?
        var callID: String?
        /// Lines said.
        var turns = 0
        /// Per answered line, from the end of its speech to the first audio of the reply.
        var latencies: [Duration] = []
        /// Per line said over a reply (`--barge-in`), from the start of its speech to `audioStop`.
        var bargeIns: [Duration] = []
        /// Each time the agent's playback ran dry between two pieces of one reply, for how long.
        var playbackGaps: [Duration] = []
        /// Lines that got no complete reply in time.
        var unanswered = 0
        /// Whether every line was said and answered (or timed out) before the socket closed.
        var finished = false
        /// Errors the server reported with `error` messages.
        var serverErrors: [String] = []
    }

    /// The sample rate of the agent's audio (seed 002: 24 kHz mono).
    static let agentSampleRate = 24_000
    /// The delay an MP3 sentence from the server's `MP3Encoder` decodes with (576 + 529 samples at
    /// 24 kHz, see `MP3Decoder`): cut from each piece, so that the pieces join without gaps.
    static let mp3LeadIn = 1_105

    private let clock = ContinuousClock()
    private let origin: ContinuousClock.Instant
    private let mp3: Bool
    private var recorder: CallRecorder?
    private var report = Report()
    private var connected = false
    private var closed = false
    private var connectWaiters: [CheckedContinuation<Bool, Never>] = []
    /// The greeting until the first line is spoken, then the reply to the line spoken last.
    private var tracker: ReplyTracker
    /// The line whose reply ``tracker`` follows, until its first audio is timed.
    private var timing: Int?
    /// When the speech of a line said over the agent began, until the agent stops.
    private var interruptionBegan: Duration?

    /// - Parameters:
    ///   - mp3: whether binary frames are MP3 (else raw PCM16 LE).
    ///   - recorder: where to save the agent's audio, if anywhere.
    init(mp3: Bool, recorder: CallRecorder?) {
        origin = clock.now
        tracker = ReplyTracker(startedAt: .zero)
        self.mp3 = mp3
        self.recorder = recorder
    }

    private var now: Duration { clock.now - origin }

    // MARK: What the server sends

    /// One text frame.
    func received(text: String) {
        switch CallServerMessage(json: text) {
        case .connected(let agentName, let agentID, let historyKey, let callID):
            report.agentName = agentName
            report.historyKey = historyKey
            report.callID = callID
            say("connected to \(agentName) (agent \(agentID), call \(callID))")
            connected = true
            tracker = ReplyTracker(startedAt: now)
            resumeWaiters(true)
        case .transcript(let role, let text, let isFinal):
            guard isFinal else { return }
            say("\(role == "user" ? "you" : role == "assistant" ? "agent" : role): \(text)")
        case .audioStop:
            tracker.receivedStop(at: now)
            if let began = interruptionBegan {
                interruptionBegan = nil
                report.bargeIns.append(now - began)
                say("[audio stopped \(LatencySummary.milliseconds(now - began)) ms after you began speaking over it]")
            } else {
                say("[audio stopped]")
            }
        case .audioEnd:
            tracker.receivedEnd()
        case .error(let message):
            report.serverErrors.append(message)
            say("server error: \(message)")
        case .unknown(let text):
            say("[unknown message: \(text.prefix(200))]")
        }
    }

    /// One binary frame: a piece of the agent's speech.
    func received(audio bytes: [UInt8]) {
        let time = now
        let audio = decode(bytes)
        if let recorder {
            do {
                try self.recorder?.record(bytes, mp3: mp3, audio: audio)
            } catch {
                say("could not save audio in \(recorder.directory.path): \(error)")
                self.recorder = nil
            }
        }
        if let gap = tracker.receivedAudio(lasting: audio?.duration ?? .zero, at: time) {
            report.playbackGaps.append(gap)
            say("[playback ran dry for \(LatencySummary.milliseconds(gap)) ms before this piece]")
        }
        if let line = timing, let latency = tracker.latency {
            timing = nil
            report.latencies.append(latency)
            say("[turn \(line + 1): first audio \(LatencySummary.milliseconds(latency)) ms after you stopped speaking]")
        }
    }

    /// The socket closed, or failed.
    func disconnected() {
        closed = true
        resumeWaiters(false)
    }

    // MARK: What the caller does

    /// Waits for `connected`; `false` when the socket closed first or `timeout` passed.
    func waitUntilConnected(timeout: Duration) async -> Bool {
        if connected || closed { return connected }
        return await withTaskGroup(of: Bool?.self) { group in
            group.addTask { await self.connection() }
            group.addTask {
                try? await Task.sleep(for: timeout)
                // Timed out (or connected, and this was cancelled): wake a waiter still waiting.
                await self.resumeWaiters(false)
                return nil
            }
            defer { group.cancelAll() }
            while let next = await group.next() {
                if let connected = next { return connected }
            }
            return false
        }
    }

    private func connection() async -> Bool {
        if connected || closed { return connected }
        return await withCheckedContinuation { connectWaiters.append($0) }
    }

    /// Whether the greeting, if any, is over and no more audio has come for `quiet`.
    func greetingSettled(quiet: Duration) -> Bool {
        tracker.isSettled(at: now, quiet: quiet)
    }

    /// Line `index` starts.
    func lineStarted(_ index: Int, _ line: CallLine) {
        report.turns = index + 1
        say("saying \(index + 1): \(line.label) (\(String(format: "%.1f", line.duration / .seconds(1))) s)")
    }

    /// The last frame with speech of line `index` has just been sent: the reply is timed from now.
    func lineSpoken(_ index: Int) {
        tracker = ReplyTracker(startedAt: now)
        timing = index
    }

    /// Whether the reply to the line spoken last has been playing for `delay`, and is still going:
    /// time to speak over it.
    func bargeInDue(after delay: Duration) -> Bool {
        guard let first = tracker.firstAudioAt, !tracker.isOver(at: now) else { return false }
        return now - first >= delay
    }

    /// The speech of a line said over the agent begins now.
    func interruptionBegins() {
        interruptionBegan = now
    }

    /// Whether the reply to the line spoken last is complete and would have been heard.
    func replyOver() -> Bool {
        tracker.isOver(at: now)
    }

    /// No complete reply to line `index` came within `timeout`.
    func replyTimedOut(_ index: Int, after timeout: Duration) {
        report.unanswered += 1
        timing = nil
        let what = tracker.firstAudioAt == nil ? "no reply" : "the reply did not end"
        say("[turn \(index + 1): \(what) within \(timeout.components.seconds) s, going on]")
    }

    /// Every line was said and its reply waited for.
    func finishedScript() {
        report.finished = true
    }

    /// The report, with `agent.wav` written if the audio is saved; answers where it went.
    func finish() -> (report: Report, savedTo: String?) {
        var saved: String?
        if let recorder {
            do {
                saved = try recorder.finish()
            } catch {
                say("could not write agent.wav in \(recorder.directory.path): \(error)")
            }
        }
        return (report, saved)
    }

    // MARK: Plumbing

    private func resumeWaiters(_ result: Bool) {
        let waiters = connectWaiters
        connectWaiters = []
        for waiter in waiters { waiter.resume(returning: result) }
    }

    /// The agent's audio in `bytes`; `nil` (reported) when it cannot be decoded.
    private func decode(_ bytes: [UInt8]) -> PCMAudio? {
        guard mp3 else {
            return PCMAudio(pcm16LittleEndian: bytes, sampleRate: Self.agentSampleRate)
        }
        do {
            var audio = try MP3Decoder.decode(bytes)
            if audio.sampleRate == Self.agentSampleRate, audio.samples.count > Self.mp3LeadIn {
                audio.samples.removeFirst(Self.mp3LeadIn)
            }
            return audio
        } catch {
            say("[could not decode \(bytes.count) bytes of MP3: \(error)]")
            return nil
        }
    }

    /// Prints `line` after the seconds since the session began, at once (unbuffered, also into a pipe).
    private func say(_ line: String) {
        FileHandle.standardOutput.write(Data((String(format: "%7.2f  ", now / .seconds(1)) + line + "\n").utf8))
    }
}

import Audio
import Engines
import Foundation
import Logging
import ParleyCore

/// One live call with an agent: the caller's audio in, the agent's speech out.
///
/// Owns the pipeline (VAD → speech-to-text → turn decision → language model → text-to-speech)
/// and carries out what ``TurnTaking`` decides. The stages overlap: the first piece of a reply is
/// spoken while the rest is still being generated. Engine work runs in child tasks of ``run(input:)``
/// and reports back here; everything the caller is sent goes out through one ordered queue, so
/// that nothing of a stopped reply can follow the stop.
public actor LiveCall {
    public let settings: CallSettings
    let engines: AgentEngines
    let logger: Logger
    private let output: any CallOutput
    private let journal: (any CallJournal)?
    private let clock = ContinuousClock()
    private let origin: ContinuousClock.Instant

    var turns: TurnTaking
    private let voiceActivity: any VoiceActivityStream
    private var watchingForOnsets = false
    /// Samples heard since the call began, which the VAD's times count in.
    private var samplesHeard = 0
    /// The utterance the VAD cut last, until the turn-taking decides what to do with it.
    /// Set through ``cut(_:)``.
    var utterance: CutUtterance?
    /// The transcription started on the caller's latest pause, while the utterance goes on.
    var pendingEarly: EarlyTranscription?
    /// Early transcriptions the turn-taking asked for that are still running.
    var awaitedEarly: Set<Int> = []
    /// The turn being answered: from the end of the caller's speech on.
    var timeline: TurnTimeline?
    /// The conversation so far, as the language model is given it.
    var history: [ChatMessage]

    var transcriptionsStarted = 0
    var transcriptionsDelivered = 0
    /// Transcripts that finished before an earlier one: delivered in the order spoken.
    var finishedTranscripts: [Int: Transcript] = [:]

    /// Whether the language model is reading the conversation ahead (``prefillConversation()``),
    /// whether the conversation changed since that began, and the replies waiting for it.
    var prefilling = false
    var prefillAgain = false
    var prefillWaiters: [CheckedContinuation<Void, Never>] = []

    var speech: AgentSpeech?
    private var speechesStarted = 0
    /// Pieces of speech sent over the call, which the caller's side counts to say what it played.
    var piecesSent = 0
    /// When everything queued for the caller will have played.
    var playbackEnd = Duration.zero
    /// Why the call ended, once it has.
    private(set) var ending: CallEnding?

    private let jobs: AsyncStream<@Sendable () async -> Void>
    private let jobQueue: AsyncStream<@Sendable () async -> Void>.Continuation
    private let outgoing: AsyncStream<Outgoing>
    private let outgoingQueue: AsyncStream<Outgoing>.Continuation
    private let records: AsyncStream<JournalEntry>
    private let recordQueue: AsyncStream<JournalEntry>.Continuation
    private let hangUps: AsyncStream<CallEnding>
    private let hangUpQueue: AsyncStream<CallEnding>.Continuation
    /// Wakes the call when the clock has something for it to do (``nextWake``).
    private let alarm: CallAlarm
    private let ownsAlarm: Bool
    private let alarmID: Int
    private let wakes: AsyncStream<Void>
    private let wakeQueue: AsyncStream<Void>.Continuation
    /// The wake-up the alarm holds for the call.
    private var alarmSet: Duration?

    /// One event for the caller, and the speech it belongs to (to time the first byte sent).
    struct Outgoing: Sendable {
        var event: CallEvent
        var speechID: Int?
    }

    /// What the journal is told, in order.
    enum JournalEntry: Sendable {
        case turn(CallTurn)
        case digits(String)
        case finished(CallEnding, Date)
    }

    /// - Parameters:
    ///   - history: the conversation so far, when the call resumes one (without the system prompt).
    ///   - alarm: the server's one alarm, which the server runs; without it the call runs one of its own.
    public init(
        settings: CallSettings,
        engines: AgentEngines,
        history: [ChatMessage] = [],
        output: any CallOutput,
        journal: (any CallJournal)? = nil,
        alarm: CallAlarm? = nil,
        logger: Logger
    ) throws {
        self.settings = settings
        self.engines = engines
        self.history = history
        self.output = output
        self.journal = journal
        self.logger = logger
        self.origin = clock.now
        self.turns = TurnTaking(settings: settings.turns)
        self.voiceActivity = try engines.voiceActivity.makeStream()
        (jobs, jobQueue) = AsyncStream.makeStream()
        (outgoing, outgoingQueue) = AsyncStream.makeStream()
        (records, recordQueue) = AsyncStream.makeStream()
        (hangUps, hangUpQueue) = AsyncStream.makeStream()
        self.alarm = alarm ?? CallAlarm()
        ownsAlarm = alarm == nil
        (alarmID, wakes, wakeQueue) = self.alarm.register()
    }

    /// Runs the call until the caller leaves (`input` ends) or the call ends itself (the silence
    /// timeout, ``hangUp(_:)``), then sends what is still queued and answers why it ended.
    public func run<Input: AsyncSequence & Sendable>(input: Input) async -> CallEnding where Input.Element == CallInput {
        await withDiscardingTaskGroup { delivery in
            delivery.addTask { await self.deliverOutgoing() }
            delivery.addTask { await self.writeRecords() }
            await withDiscardingTaskGroup { work in
                work.addTask {
                    do {
                        for try await item in input { await self.hear(item) }
                    } catch {
                        self.logger.debug("caller's audio failed", metadata: ["error": "\(error)"])
                    }
                    await self.end(.callerLeft)
                }
                if ownsAlarm { work.addTask { await self.alarm.run() } }
                work.addTask {
                    for await _ in self.wakes { await self.tick() }
                }
                work.addTask {
                    for await ending in self.hangUps {
                        await self.end(ending)
                        return
                    }
                }
                perform(turns.handle(.started, at: now))
                prefillConversation()
                for await job in jobs {
                    work.addTask { await job() }
                }
                work.cancelAll()
            }
            outgoingQueue.finish()
            recordQueue.finish()
        }
        wakeQueue.finish()
        return ending ?? .callerLeft
    }

    /// Ends the call from outside (shutdown, credits): the call stops speaking and ``run(input:)``
    /// returns. Safe from any context.
    public nonisolated func hangUp(_ ending: CallEnding) {
        hangUpQueue.yield(ending)
    }

    // MARK: The caller's audio

    func hear(_ input: CallInput) {
        guard ending == nil else { return }
        switch input {
        case .unusable(let problem):
            send(.error(problem))
        case .digits(let digits):
            recordQueue.yield(.digits(digits))
        case .played(let piece):
            played(piece: piece)
        case .audio(let samples):
            let now = self.now
            samplesHeard += samples.count
            let heardUpTo = Self.duration(samples: samplesHeard, rate: engines.voiceActivity.sampleRate)
            for event in voiceActivity.accept(samples) {
                switch event {
                case .speechOnset:
                    perform(turns.handle(.speechOnset, at: now))
                case .speechStarted:
                    perform(turns.handle(.speechStarted, at: now))
                case .speechPaused(let audio, _, _):
                    // Only the caller's own turn is worth transcribing early, not sounds over the agent.
                    if turns.state == .userSpeaking { startEarlyTranscription(of: audio) }
                case .speechResumed:
                    if let resumed = pendingEarly { drop(resumed) }
                case .speechEnded(let audio, _, let end):
                    cut(pendingEarly.map { .early($0) } ?? .audio(audio))
                    pendingEarly = nil
                    // The VAD's times are the stream's; the stream has reached `heardUpTo` by now.
                    let endedAt = now - (heardUpTo - end)
                    timeline = TurnTimeline(speechEnded: endedAt)
                    perform(turns.handle(.speechEnded(endedAt: endedAt), at: now))
                }
            }
            watchOnsets()
        }
    }

    /// The onset detector runs only while the agent speaks and may be interrupted.
    private func watchOnsets() {
        let watch = turns.state == .agentSpeaking(interruptible: true)
        guard watch != watchingForOnsets else { return }
        do {
            try voiceActivity.watchForOnsets(watch)
            watchingForOnsets = watch
        } catch {
            logger.error("barge-in detection is unavailable", metadata: ["error": "\(error)"])
        }
    }

    // MARK: Turn-taking

    func perform(_ actions: [TurnTaking.Action]) {
        for action in actions {
            switch action {
            case .speakWelcome:
                if let welcome = settings.welcomeMessage { startSpeech(.welcome, script: welcome) }
            case .transcribe:
                transcribeUtterance()
            case .discardUtterance:
                cut(nil)
            case .reply(let said):
                startReply(to: said)
            case .interrupt:
                interrupt()
            case .cancelReply:
                speech?.cancellation.cancel()
                speech = nil
            case .promptSilence:
                startSpeech(.silencePrompt, script: settings.silencePrompt)
            case .endCall:
                startSpeech(.goodbye, script: settings.goodbye)
            }
        }
        watchOnsets()
        rearm()
    }

    /// When the call next has something to do on its own: what the turn-taking waits for, or
    /// the end of the playback of speech that is complete.
    private var nextWake: Duration? {
        let playback = speech?.complete == true ? playbackEnd : nil
        return [turns.nextDeadline, playback].compactMap { $0 }.min()
    }

    /// Has the alarm wake the call at ``nextWake``, if that changed. Called after anything that
    /// may move it: the turn-taking's actions, speech completing, the caller's side playing.
    func rearm() {
        let next = ending == nil ? nextWake : nil
        guard next != alarmSet else { return }
        alarmSet = next
        alarm.set(alarmID, at: next.map { origin + $0 }, wake: wakeQueue)
    }

    private func interrupt() {
        guard let stopped = speech else { return }
        stopped.cancellation.cancel()
        speech = nil
        let now = self.now
        playbackEnd = now
        send(.speechStopped)
        let heard = SpokenPiece.heard(stopped.pieces, by: now)
        send(.transcript(role: .assistant, text: heard, isFinal: true))
        remember(stopped, saying: heard)
    }

    func tick() {
        // The alarm that woke the call is spent.
        alarmSet = nil
        defer { rearm() }
        guard ending == nil else { return }
        let now = self.now
        if let finished = speech, finished.complete, now >= playbackEnd {
            speech = nil
            remember(finished, saying: finished.text)
            if finished.kind == .goodbye {
                end(.silence)
                return
            }
            perform(turns.handle(finished.pieces.isEmpty && finished.kind == .reply ? .replyFailed : .agentFinished, at: now))
        }
        perform(turns.handle(.tick, at: now))
    }

    /// Writes the agent's finished or interrupted speech into the history and the transcript,
    /// with the caller's turn it answered.
    private func remember(_ finished: AgentSpeech, saying heard: String) {
        if let said = finished.answering {
            history.append(.user(said))
            record(CallTurn(role: .user, text: said))
        }
        if !heard.isEmpty {
            history.append(.assistant(heard))
            record(CallTurn(role: .assistant, text: heard, latency: finished.timeline?.latency))
        }
        if finished.answering != nil || !heard.isEmpty { prefillConversation() }
    }

    // MARK: Ending

    func end(_ why: CallEnding) {
        guard ending == nil else { return }
        ending = why
        if let unfinished = speech {
            unfinished.cancellation.cancel()
            speech = nil
            remember(unfinished, saying: SpokenPiece.heard(unfinished.pieces, by: now))
        }
        recordQueue.yield(.finished(why, Date()))
        rearm()
        logger.info("call ended", metadata: ["ending": "\(why)"])
        jobQueue.finish()
    }

    // MARK: Plumbing

    var now: Duration { clock.now - origin }

    static func duration(samples: Int, rate: Int) -> Duration {
        .nanoseconds(Int64(samples) * 1_000_000_000 / Int64(rate))
    }

    /// Runs `job` as a child task of ``run(input:)``.
    func schedule(_ job: @escaping @Sendable () async -> Void) {
        jobQueue.yield(job)
    }

    func send(_ event: CallEvent, speechID: Int? = nil) {
        outgoingQueue.yield(Outgoing(event: event, speechID: speechID))
    }

    func record(_ turn: CallTurn) {
        recordQueue.yield(.turn(turn))
    }

    func nextSpeechID() -> Int {
        speechesStarted += 1
        return speechesStarted
    }

    private func deliverOutgoing() async {
        for await item in outgoing {
            do {
                try await output.send(item.event)
                if let id = item.speechID { speechSent(id) }
            } catch {
                // The caller is gone: nothing more can reach them.
                end(.callerLeft)
                break
            }
        }
    }

    private func writeRecords() async {
        guard let journal else { return }
        for await entry in records {
            do {
                switch entry {
                case .turn(let turn): try await journal.record(turn)
                case .digits(let digits): try await journal.pressed(digits)
                case .finished(let ending, let date): try await journal.finish(ending, at: date)
                }
            } catch {
                logger.error("could not write the call's transcript", metadata: ["error": "\(error)"])
            }
        }
    }
}

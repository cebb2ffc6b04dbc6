import Foundation

/// Who has the floor in a call, and what to do when something happens.
///
/// Pure: events in, actions out, no I/O and no clock of its own (every event carries the call's
/// monotonic time). The call's actor carries the actions out and reports back what happened.
public struct TurnTaking: Sendable {
    public enum State: Sendable, Equatable {
        /// Nobody is speaking; the agent waits for the caller.
        case listening
        /// The caller is speaking.
        case userSpeaking
        /// The caller finished; the transcript and reply are on their way, nothing is audible yet.
        case thinking
        /// The agent's speech is playing. `interruptible` is false only for a welcome configured so.
        case agentSpeaking(interruptible: Bool)
        /// The call is over; every further event is ignored.
        case ended
    }

    public enum Event: Sendable, Equatable {
        /// The call is connected.
        case started
        /// The VAD heard the caller speak over the agent for as long as the agent's interruption
        /// sensitivity asks (only watched for while the agent speaks).
        case speechOnset
        /// The VAD is sure the caller is speaking.
        case speechStarted
        /// The VAD cut an utterance: the caller stopped speaking at `endedAt` (a little before now:
        /// the VAD needs some silence to be sure).
        case speechEnded(endedAt: Duration)
        /// Speech-to-text finished the utterance handed over with ``Action/transcribe``.
        case transcribed(String)
        /// The reply's first audio went out.
        case replyAudioStarted
        /// The reply ended without a word to speak (the model failed or said nothing).
        case replyFailed
        /// The agent's speech (reply, welcome or prompt) has all been played.
        case agentFinished
        /// Time passed with nothing else happening (for held turns and the silence timeout).
        case tick
    }

    public enum Action: Sendable, Equatable {
        /// Say the agent's welcome message.
        case speakWelcome
        /// Transcribe the utterance the VAD just cut.
        case transcribe
        /// Drop the utterance the VAD just cut: a noise or backchannel over the agent.
        case discardUtterance
        /// Generate and speak a reply to what the caller said.
        case reply(to: String)
        /// The caller cut in: stop playback now, cancel the reply, keep only what was heard.
        case interrupt
        /// The caller went on speaking before the reply was audible: drop the reply unheard (a
        /// transcription still running goes on; its text is kept for the next reply).
        case cancelReply
        /// The caller has been silent too long: ask whether they are still there.
        case promptSilence
        /// Still silent after the prompt: say goodbye and end the call.
        case endCall
    }

    public struct Settings: Sendable, Equatable {
        public var hasWelcome: Bool
        public var welcomeInterruptible: Bool
        /// Silence after which the caller's turn is over even when what they said sounds
        /// unfinished; a turn that sounds finished is answered as soon as it is transcribed.
        public var silenceThreshold: Duration
        /// Silence after which the agent prompts once, and after which it then ends the call.
        public var silenceTimeout: Duration

        public init(hasWelcome: Bool, welcomeInterruptible: Bool, silenceThreshold: Duration, silenceTimeout: Duration) {
            self.hasWelcome = hasWelcome
            self.welcomeInterruptible = welcomeInterruptible
            self.silenceThreshold = silenceThreshold
            self.silenceTimeout = silenceTimeout
        }
    }

    public let settings: Settings
    public private(set) var state = State.listening
    /// Whether the VAD is sure the caller is speaking right now.
    private var callerSpeaking = false
    /// When the caller cut in on an onset the VAD has not yet confirmed as speech.
    private var unconfirmedOnset: Duration?
    /// When the floor last fell silent, for the silence timeout.
    private var quietSince = Duration.zero
    private var prompted = false
    /// Where the caller's last utterance ended, which the silence threshold counts from.
    private var lastSpeechEnd = Duration.zero
    /// What the caller has said and is not yet answered: kept while the turn may go on, and said
    /// again with the rest when the caller resumes before hearing the reply.
    private var unanswered: String?
    /// Whether ``Action/reply(to:)`` went out for the current turn.
    private var replying = false

    /// An onset the VAD never confirms as speech (a knock, a cough) gives the floor back after this.
    static let unconfirmedOnsetLimit = Duration.milliseconds(800)

    public init(settings: Settings) {
        self.settings = settings
    }

    /// What to do about `event`, which happened at `now` on the call's monotonic clock.
    public mutating func handle(_ event: Event, at now: Duration) -> [Action] {
        if state == .ended { return [] }
        switch event {
        case .started:
            quietSince = now
            guard settings.hasWelcome else { return [] }
            state = .agentSpeaking(interruptible: settings.welcomeInterruptible)
            return [.speakWelcome]
        case .speechOnset:
            guard case .agentSpeaking(true) = state else { return [] }
            state = .userSpeaking
            prompted = false
            if !callerSpeaking { unconfirmedOnset = now }
            return [.interrupt]
        case .speechStarted:
            return speechStarted()
        case .speechEnded(let endedAt):
            return speechEnded(endedAt: endedAt)
        case .transcribed(let text):
            return transcribed(text, at: now)
        case .replyAudioStarted:
            guard state == .thinking, replying else { return [] }
            unanswered = nil
            replying = false
            state = .agentSpeaking(interruptible: true)
            return []
        case .replyFailed:
            guard state == .thinking, replying else { return [] }
            unanswered = nil
            replying = false
            state = .listening
            quietSince = now
            return []
        case .agentFinished:
            guard case .agentSpeaking = state else { return [] }
            state = callerSpeaking ? .userSpeaking : .listening
            quietSince = now
            return []
        case .tick:
            return tick(at: now)
        }
    }

    private mutating func speechStarted() -> [Action] {
        callerSpeaking = true
        unconfirmedOnset = nil
        prompted = false
        switch state {
        case .listening:
            state = .userSpeaking
            return []
        case .thinking:
            state = .userSpeaking
            let wasReplying = replying
            replying = false
            return wasReplying ? [.cancelReply] : []
        case .agentSpeaking, .userSpeaking, .ended:
            // Over the agent, only ``Event/speechOnset`` interrupts: this may be a backchannel.
            return []
        }
    }

    private mutating func speechEnded(endedAt: Duration) -> [Action] {
        callerSpeaking = false
        switch state {
        case .userSpeaking, .listening:
            state = .thinking
            lastSpeechEnd = endedAt
            return [.transcribe]
        case .agentSpeaking:
            // Too short to interrupt, or over a welcome that may not be interrupted.
            return [.discardUtterance]
        case .thinking, .ended:
            return []
        }
    }

    private mutating func transcribed(_ text: String, at now: Duration) -> [Action] {
        // Only a turn still being answered (thinking) or resumed before its reply was heard
        // (speaking again) takes a transcript; anything else is stale.
        guard state == .thinking || state == .userSpeaking else { return [] }
        let heard = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let said = [unanswered, heard.isEmpty ? nil : heard].compactMap { $0 }.joined(separator: " ")
        unanswered = said.isEmpty ? nil : said
        // Speaking again: all of it is answered once the caller finishes.
        guard state == .thinking, !replying else { return [] }
        guard !said.isEmpty else {
            state = .listening
            quietSince = now
            return []
        }
        // Hold an unfinished-sounding turn until the silence threshold: the caller may go on.
        guard TurnCompletion.soundsFinished(said) || now >= lastSpeechEnd + settings.silenceThreshold else { return [] }
        replying = true
        return [.reply(to: said)]
    }

    /// When a ``Event/tick`` next has something to do, if ever: a held turn's silence threshold,
    /// an unconfirmed onset's limit, or the silence timeout. Ticks before then do nothing.
    public var nextDeadline: Duration? {
        switch state {
        case .thinking:
            !replying && unanswered != nil ? lastSpeechEnd + settings.silenceThreshold : nil
        case .userSpeaking:
            unconfirmedOnset.map { $0 + Self.unconfirmedOnsetLimit }
        case .listening:
            quietSince + settings.silenceTimeout
        case .agentSpeaking, .ended:
            nil
        }
    }

    private mutating func tick(at now: Duration) -> [Action] {
        guard let deadline = nextDeadline, now >= deadline else { return [] }
        switch state {
        case .thinking:
            guard let said = unanswered else { return [] }
            replying = true
            return [.reply(to: said)]
        case .userSpeaking:
            unconfirmedOnset = nil
            state = .listening
            quietSince = now
            return []
        case .listening:
            if prompted {
                state = .ended
                return [.endCall]
            }
            prompted = true
            state = .agentSpeaking(interruptible: true)
            return [.promptSilence]
        case .agentSpeaking, .ended:
            return []
        }
    }
}

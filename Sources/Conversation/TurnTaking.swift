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
        /// The VAD heard speech begin.
        case speechStarted
        /// The VAD still hears speech (once per frame while it does).
        case speechContinuing
        /// The VAD cut an utterance: the caller stopped speaking.
        case speechEnded
        /// Speech-to-text finished the utterance handed over with ``Action/transcribe``.
        case transcribed(String)
        /// The reply's first audio went out.
        case replyAudioStarted
        /// The agent's speech (reply, welcome or prompt) has all been played.
        case agentFinished
        /// Time passed with nothing else happening (for the silence timeout).
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
        /// How long the caller must speak over the agent to interrupt; shorter speech (noises,
        /// "uh-huh") does not.
        public var bargeInSpeech: Duration
        /// Silence after which the agent prompts once, and after which it then ends the call.
        public var silenceTimeout: Duration

        public init(hasWelcome: Bool, welcomeInterruptible: Bool, bargeInSpeech: Duration, silenceTimeout: Duration) {
            self.hasWelcome = hasWelcome
            self.welcomeInterruptible = welcomeInterruptible
            self.bargeInSpeech = bargeInSpeech
            self.silenceTimeout = silenceTimeout
        }

        /// Speech needed to interrupt for an agent's `interruption_sensitivity` (0…1): 480 ms for
        /// the least sensitive, 80 ms for the most.
        public static func bargeInSpeech(sensitivity: Double) -> Duration {
            .milliseconds(Int((80 + (1 - min(1, max(0, sensitivity))) * 400).rounded()))
        }
    }

    public let settings: Settings
    public private(set) var state = State.listening
    /// When the caller began speaking over the agent, while it has not yet counted as barge-in.
    private var overlapStart: Duration?
    /// Whether the VAD hears the caller right now.
    private var callerSpeaking = false
    /// When the floor last fell silent, for the silence timeout.
    private var quietSince = Duration.zero
    private var prompted = false
    /// What the caller said before going on speaking over an unheard reply; said again with the rest.
    private var unanswered: String?

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
        case .speechStarted:
            return speechStarted(at: now)
        case .speechContinuing:
            guard case .agentSpeaking(true) = state, let overlapStart, now - overlapStart >= settings.bargeInSpeech else { return [] }
            self.overlapStart = nil
            state = .userSpeaking
            return [.interrupt]
        case .speechEnded:
            return speechEnded(at: now)
        case .transcribed(let text):
            return transcribed(text, at: now)
        case .replyAudioStarted:
            guard state == .thinking else { return [] }
            unanswered = nil
            state = .agentSpeaking(interruptible: true)
            return []
        case .agentFinished:
            guard case .agentSpeaking = state else { return [] }
            overlapStart = nil
            state = callerSpeaking ? .userSpeaking : .listening
            quietSince = now
            return []
        case .tick:
            return tick(at: now)
        }
    }

    private mutating func speechStarted(at now: Duration) -> [Action] {
        callerSpeaking = true
        prompted = false
        switch state {
        case .listening:
            state = .userSpeaking
            return []
        case .thinking:
            state = .userSpeaking
            return [.cancelReply]
        case .agentSpeaking(interruptible: true):
            overlapStart = now
            return []
        case .agentSpeaking(interruptible: false), .userSpeaking, .ended:
            return []
        }
    }

    private mutating func speechEnded(at now: Duration) -> [Action] {
        callerSpeaking = false
        switch state {
        case .userSpeaking, .listening:
            state = .thinking
            return [.transcribe]
        case .agentSpeaking:
            // Too short to interrupt, or over a welcome that may not be interrupted.
            overlapStart = nil
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
        guard state == .thinking else { return [] }
        guard !said.isEmpty else {
            state = .listening
            quietSince = now
            return []
        }
        return [.reply(to: said)]
    }

    private mutating func tick(at now: Duration) -> [Action] {
        guard state == .listening, now - quietSince >= settings.silenceTimeout else { return [] }
        if prompted {
            state = .ended
            return [.endCall]
        }
        prompted = true
        state = .agentSpeaking(interruptible: true)
        return [.promptSilence]
    }
}

import Engines
import ParleyCore

/// How one call behaves, from its agent's settings.
public struct CallSettings: Sendable {
    public var systemPrompt: String
    /// The agent's language, handed to speech-to-text as a hint.
    public var language: String
    public var temperature: Double
    public var speech: SpeechOptions
    /// Spoken first; `nil` for none (an agent without one, or a resumed conversation).
    public var welcomeMessage: String?
    public var turns: TurnTaking.Settings
    /// The most tokens one spoken reply may take.
    public var maxReplyTokens = 300
    /// How many of the latest messages the language model is given, and a resumed conversation
    /// loads (a long conversation must not grow every prompt without end).
    public static let historyLimit = 100
    /// Said once after a silence, and said before hanging up after a second one.
    public var silencePrompt = "Are you still there?"
    public var goodbye = "I haven't heard from you, so I'll end the call now. Goodbye!"
    /// How far ahead of what the caller hears the agent's speech is synthesised and sent: enough
    /// to ride out a slow piece, little enough that a barge-in wastes little work.
    public var speechLead = Duration.milliseconds(1_500)

    /// Settings for a call with `agent`; a call that resumes a conversation is not welcomed again.
    public init(agent: AgentSettings, resuming: Bool) {
        systemPrompt = agent.systemPrompt
        language = agent.primaryLanguage
        temperature = agent.temperature
        speech = SpeechOptions(speed: agent.voiceSpeed)
        welcomeMessage = resuming ? nil : agent.welcomeMessage.flatMap { $0.isEmpty ? nil : $0 }
        turns = TurnTaking.Settings(
            hasWelcome: welcomeMessage != nil,
            welcomeInterruptible: agent.welcomeInterruptible,
            silenceThreshold: .milliseconds(agent.silenceThresholdMs),
            silenceTimeout: .milliseconds(agent.silenceTimeoutMs)
        )
    }

    /// What the language model is told before the conversation: the agent's prompt, and that its
    /// words will be spoken.
    var instructions: String {
        let voice = "You are talking with someone on a voice call. Answer in short spoken sentences: no lists, no markdown, no emoji."
        return systemPrompt.isEmpty ? voice : systemPrompt + "\n\n" + voice
    }
}

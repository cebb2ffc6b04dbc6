import ParleyCore

/// How an agent's turn-taking settings tune its voice activity detector.
public enum VoiceActivityTuning {
    /// Speech the caller must keep up over the agent to interrupt it, for an agent's
    /// `interruption_sensitivity` (0…1): 480 ms for the least sensitive, 80 ms for the most.
    /// Shorter sounds (a knock, a cough, an "mm") never stop the agent.
    public static func bargeInSpeech(sensitivity: Double) -> Duration {
        .milliseconds(Int((80 + (1 - min(1, max(0, sensitivity))) * 400).rounded()))
    }

    /// Silence that cuts an utterance. Kept short whatever the agent's silence threshold: the
    /// utterance is transcribed at once, and the turn-taking decides from its words whether to
    /// answer now or wait out the threshold (see the `Conversation` target's `TurnCompletion`).
    public static func utteranceSilence(thresholdMs: Int) -> Duration {
        .milliseconds(min(thresholdMs, 200))
    }

    /// The Silero configuration for an agent.
    public static func silero(modelPath: String, for settings: AgentSettings) -> SileroVoiceActivityDetector.Configuration {
        var configuration = SileroVoiceActivityDetector.Configuration(modelPath: modelPath)
        configuration.minimumOnset = bargeInSpeech(sensitivity: settings.interruptionSensitivity)
        configuration.minimumSilence = utteranceSilence(thresholdMs: settings.silenceThresholdMs)
        return configuration
    }
}

/// How an agent produces speech; only voice architectures may take voice sessions (seed 001).
public enum AgentArchitecture: String, Sendable, CaseIterable, Codable {
    /// Separate speech-to-text, language model and text-to-speech stages.
    case pipeline
    /// A speech-to-speech model.
    case realtime
    /// Text chat only: refused for voice sessions.
    case text

    public var handlesVoice: Bool { self != .text }
}

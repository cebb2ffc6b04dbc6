import Foundation

/// Everything an organisation configures on an agent.
///
/// Engine fields left `nil` use the server's configured default engine.
public struct AgentSettings: Sendable, Equatable {
    public var name: String
    public var architecture: AgentArchitecture = .pipeline
    public var isActive: Bool = true
    public var systemPrompt: String = ""
    /// What the agent says first; `nil` to wait for the caller.
    public var welcomeMessage: String? = nil
    /// Whether the caller may cut the welcome message short.
    public var welcomeInterruptible: Bool = true
    /// BCP 47 language tag, e.g. `en` or `en-US`.
    public var primaryLanguage: String = "en"
    public var secondaryLanguage: String? = nil
    public var llmModel: String? = nil
    public var temperature: Double = 0.7
    public var ttsVoice: String? = nil
    public var voiceSpeed: Double = 1.0
    public var sttModel: String? = nil
    /// 0 (hard to interrupt) … 1 (the slightest speech interrupts).
    public var interruptionSensitivity: Double = 0.5
    /// Silence that ends the caller's turn.
    public var silenceThresholdMs: Int = 500
    /// Silence after which the agent prompts the caller, then ends the call.
    public var silenceTimeoutMs: Int = 15_000

    public init(name: String) {
        self.name = name
    }

    /// Checks every field, throwing a 422 ``ParleyError`` that names the first bad one.
    public func validate() throws(ParleyError) {
        try Self.require(!name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "name", "must not be empty")
        try Self.require(name.count <= 100, "name", "must be at most 100 characters")
        try Self.require(systemPrompt.count <= 20_000, "system_prompt", "must be at most 20000 characters")
        try Self.require((welcomeMessage?.count ?? 0) <= 1_000, "welcome_message", "must be at most 1000 characters")
        try Self.require(LanguageTag.isValid(primaryLanguage), "primary_language", "must be a language tag such as 'en' or 'en-US'")
        if let secondaryLanguage {
            try Self.require(LanguageTag.isValid(secondaryLanguage), "secondary_language", "must be a language tag such as 'en' or 'en-US'")
        }
        try Self.requireName(llmModel, "llm_model")
        try Self.requireName(ttsVoice, "tts_voice")
        try Self.requireName(sttModel, "stt_model")
        try Self.require((0...2).contains(temperature), "temperature", "must be between 0 and 2")
        try Self.require(Self.voiceSpeedRange.contains(voiceSpeed), "voice_speed", "must be between 0.6 and 1.4")
        try Self.require((0...1).contains(interruptionSensitivity), "interruption_sensitivity", "must be between 0 and 1")
        try Self.require((100...5_000).contains(silenceThresholdMs), "silence_threshold_ms", "must be between 100 and 5000")
        try Self.require((1_000...600_000).contains(silenceTimeoutMs), "silence_timeout_ms", "must be between 1000 and 600000")
    }

    /// The speed multipliers a voice accepts (seed 003).
    public static let voiceSpeedRange: ClosedRange<Double> = 0.6...1.4

    private static func require(_ condition: Bool, _ field: String, _ reason: String) throws(ParleyError) {
        if !condition { throw .invalidField(field, reason) }
    }

    private static func requireName(_ value: String?, _ field: String) throws(ParleyError) {
        guard let value else { return }
        try require(!value.isEmpty && value.count <= 200, field, "must be 1 to 200 characters")
    }
}

/// The fields of an agent in the dashboard API, read by ``AgentBody`` and written by ``AgentResponse``.
enum AgentJSONKey: String, CodingKey, CaseIterable {
    case id, name, architecture, active, temperature
    case systemPrompt = "system_prompt"
    case welcomeMessage = "welcome_message"
    case welcomeInterruptible = "welcome_interruptible"
    case primaryLanguage = "primary_language"
    case secondaryLanguage = "secondary_language"
    case llmModel = "llm_model"
    case ttsVoice = "tts_voice"
    case voiceSpeed = "voice_speed"
    case sttModel = "stt_model"
    case interruptionSensitivity = "interruption_sensitivity"
    case silenceThresholdMs = "silence_threshold_ms"
    case silenceTimeoutMs = "silence_timeout_ms"
    case createdAt = "created_at"
    case updatedAt = "updated_at"
}

/// The agents table's columns, in the order both stores bind them.
enum AgentColumns {
    /// The columns ``ParleyCore/AgentSettings`` maps to.
    static let settings = [
        "name", "architecture", "is_active", "system_prompt", "welcome_message", "welcome_interruptible",
        "primary_language", "secondary_language", "llm_model", "temperature", "tts_voice", "voice_speed", "stt_model",
        "interruption_sensitivity", "silence_threshold_ms", "silence_timeout_ms",
    ]
    static let all = ["id", "organization_id"] + settings + ["created_at", "updated_at"]
    static let placeholders = Array(repeating: "?", count: all.count).joined(separator: ", ")
}

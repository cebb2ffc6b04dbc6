import ParleyCore
import Testing

@Suite struct AgentSettingsTests {
    @Test func defaultsAreValid() throws {
        try AgentSettings(name: "Support").validate()
    }

    /// Each case breaks one field and expects the error to name it.
    static let invalid: [(String, @Sendable (inout AgentSettings) -> Void)] = [
        ("name", { $0.name = "   " }),
        ("name", { $0.name = String(repeating: "x", count: 101) }),
        ("system_prompt", { $0.systemPrompt = String(repeating: "x", count: 20_001) }),
        ("welcome_message", { $0.welcomeMessage = String(repeating: "x", count: 1_001) }),
        ("primary_language", { $0.primaryLanguage = "english" }),
        ("secondary_language", { $0.secondaryLanguage = "EN" }),
        ("llm_model", { $0.llmModel = "" }),
        ("tts_voice", { $0.ttsVoice = String(repeating: "v", count: 201) }),
        ("stt_model", { $0.sttModel = "" }),
        ("temperature", { $0.temperature = 2.5 }),
        ("voice_speed", { $0.voiceSpeed = 0.59 }),
        ("voice_speed", { $0.voiceSpeed = 1.41 }),
        ("interruption_sensitivity", { $0.interruptionSensitivity = -0.1 }),
        ("silence_threshold_ms", { $0.silenceThresholdMs = 50 }),
        ("silence_timeout_ms", { $0.silenceTimeoutMs = 700_000 }),
    ]

    @Test(arguments: invalid.indices)
    func eachBadFieldIsNamed(_ index: Int) {
        let (field, breakIt) = Self.invalid[index]
        var settings = AgentSettings(name: "Support")
        breakIt(&settings)
        #expect {
            try settings.validate()
        } throws: { error in
            let error = error as? ParleyError
            return error?.status == 422 && error?.detail.hasPrefix(field + " ") == true
        }
    }

    @Test func theEdgesOfEachRangeAreAccepted() throws {
        var settings = AgentSettings(name: "x")
        settings.voiceSpeed = 0.6
        settings.temperature = 0
        settings.interruptionSensitivity = 1
        settings.silenceThresholdMs = 100
        settings.silenceTimeoutMs = 600_000
        try settings.validate()
        settings.voiceSpeed = 1.4
        try settings.validate()
    }

    @Test(arguments: ["en", "en-US", "zh-Hans", "hi", "fil"])
    func languageTagsAccepted(_ tag: String) {
        #expect(LanguageTag.isValid(tag))
    }

    @Test(arguments: ["", "e", "EN", "en_US", "en-", "english", "en-US-x", "en-U"])
    func languageTagsRefused(_ tag: String) {
        #expect(!LanguageTag.isValid(tag))
    }
}

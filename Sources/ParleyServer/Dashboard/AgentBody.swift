import ParleyCore

/// The JSON body of agent create and update requests: every field optional, so an update changes
/// only what it names. `null` clears the optional settings.
struct AgentBody: Decodable {
    var name: String?
    var architecture: AgentArchitecture?
    var active: Bool?
    var systemPrompt: String?
    var welcomeMessage: String??
    var welcomeInterruptible: Bool?
    var primaryLanguage: String?
    var secondaryLanguage: String??
    var llmModel: String??
    var temperature: Double?
    var ttsVoice: String??
    var voiceSpeed: Double?
    var sttModel: String??
    var interruptionSensitivity: Double?
    var silenceThresholdMs: Int?
    var silenceTimeoutMs: Int?

    // The read-only fields of the response (`id`, `created_at`, `updated_at`) are accepted and
    // ignored, so a client can send back what it read.
    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(AgentJSONKey.self)
        let c = try decoder.container(keyedBy: AgentJSONKey.self)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        if let raw = try c.decodeIfPresent(String.self, forKey: .architecture) {
            guard let parsed = AgentArchitecture(rawValue: raw.lowercased()) else {
                throw ParleyError.invalidField("architecture", "must be one of pipeline, realtime, text")
            }
            architecture = parsed
        }
        active = try c.decodeIfPresent(Bool.self, forKey: .active)
        systemPrompt = try c.decodeIfPresent(String.self, forKey: .systemPrompt)
        welcomeMessage = try c.decodeClearable(String.self, forKey: .welcomeMessage)
        welcomeInterruptible = try c.decodeIfPresent(Bool.self, forKey: .welcomeInterruptible)
        primaryLanguage = try c.decodeIfPresent(String.self, forKey: .primaryLanguage)
        secondaryLanguage = try c.decodeClearable(String.self, forKey: .secondaryLanguage)
        llmModel = try c.decodeClearable(String.self, forKey: .llmModel)
        temperature = try c.decodeIfPresent(Double.self, forKey: .temperature)
        ttsVoice = try c.decodeClearable(String.self, forKey: .ttsVoice)
        voiceSpeed = try c.decodeIfPresent(Double.self, forKey: .voiceSpeed)
        sttModel = try c.decodeClearable(String.self, forKey: .sttModel)
        interruptionSensitivity = try c.decodeIfPresent(Double.self, forKey: .interruptionSensitivity)
        silenceThresholdMs = try c.decodeIfPresent(WholeNumber.self, forKey: .silenceThresholdMs)?.value
        silenceTimeoutMs = try c.decodeIfPresent(WholeNumber.self, forKey: .silenceTimeoutMs)?.value
    }

    /// Writes every field the body named into `settings`.
    func apply(to settings: inout AgentSettings) {
        if let name { settings.name = name }
        if let architecture { settings.architecture = architecture }
        if let active { settings.isActive = active }
        if let systemPrompt { settings.systemPrompt = systemPrompt }
        if let welcomeMessage { settings.welcomeMessage = welcomeMessage }
        if let welcomeInterruptible { settings.welcomeInterruptible = welcomeInterruptible }
        if let primaryLanguage { settings.primaryLanguage = primaryLanguage }
        if let secondaryLanguage { settings.secondaryLanguage = secondaryLanguage }
        if let llmModel { settings.llmModel = llmModel }
        if let temperature { settings.temperature = temperature }
        if let ttsVoice { settings.ttsVoice = ttsVoice }
        if let voiceSpeed { settings.voiceSpeed = voiceSpeed }
        if let sttModel { settings.sttModel = sttModel }
        if let interruptionSensitivity { settings.interruptionSensitivity = interruptionSensitivity }
        if let silenceThresholdMs { settings.silenceThresholdMs = silenceThresholdMs }
        if let silenceTimeoutMs { settings.silenceTimeoutMs = silenceTimeoutMs }
    }
}

extension KeyedDecodingContainer {
    /// `nil` when the key is absent, `.some(nil)` when it is JSON `null`, else the value.
    func decodeClearable<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T?? {
        guard contains(key) else { return nil }
        return .some(try decodeIfPresent(T.self, forKey: key))
    }
}

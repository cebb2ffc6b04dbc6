import Foundation
import ParleyCore
import PostgresNIO

extension PostgresStore {
    public func insertAgent(_ agent: Agent) async throws {
        let s = agent.settings
        try await client.query(
            """
            INSERT INTO agents (\(unescaped: AgentColumns.all.joined(separator: ", "))) VALUES (
                \(agent.id), \(agent.organizationID), \(s.name), \(s.architecture.rawValue), \(s.isActive), \(s.systemPrompt),
                \(s.welcomeMessage), \(s.welcomeInterruptible), \(s.primaryLanguage), \(s.secondaryLanguage), \(s.llmModel),
                \(s.temperature), \(s.ttsVoice), \(s.voiceSpeed), \(s.sttModel), \(s.interruptionSensitivity),
                \(s.silenceThresholdMs), \(s.silenceTimeoutMs), \(agent.createdAt), \(agent.updatedAt))
            """,
            logger: logger
        )
    }

    public func agent(id: UUID, organizationID: UUID) async throws -> Agent? {
        try await row("SELECT * FROM agents WHERE id = \(id) AND organization_id = \(organizationID)").map(Agent.init(row:))
    }

    public func agents(organizationID: UUID) async throws -> [Agent] {
        try await rows("SELECT * FROM agents WHERE organization_id = \(organizationID) ORDER BY created_at, id").map(Agent.init(row:))
    }

    public func updateAgent(_ agent: Agent) async throws -> Bool {
        let s = agent.settings
        return try await row(
            """
            UPDATE agents SET name = \(s.name), architecture = \(s.architecture.rawValue), is_active = \(s.isActive),
                system_prompt = \(s.systemPrompt), welcome_message = \(s.welcomeMessage),
                welcome_interruptible = \(s.welcomeInterruptible), primary_language = \(s.primaryLanguage),
                secondary_language = \(s.secondaryLanguage), llm_model = \(s.llmModel), temperature = \(s.temperature),
                tts_voice = \(s.ttsVoice), voice_speed = \(s.voiceSpeed), stt_model = \(s.sttModel),
                interruption_sensitivity = \(s.interruptionSensitivity), silence_threshold_ms = \(s.silenceThresholdMs),
                silence_timeout_ms = \(s.silenceTimeoutMs), updated_at = \(agent.updatedAt)
            WHERE id = \(agent.id) AND organization_id = \(agent.organizationID) RETURNING id
            """
        ) != nil
    }

    public func deleteAgent(id: UUID, organizationID: UUID) async throws -> Bool {
        try await row("DELETE FROM agents WHERE id = \(id) AND organization_id = \(organizationID) RETURNING id") != nil
    }
}

extension Agent {
    fileprivate init(row: PostgresRandomAccessRow) throws {
        var settings = AgentSettings(name: try row.get("name"))
        settings.architecture = AgentArchitecture(rawValue: try row.get("architecture")) ?? .pipeline
        settings.isActive = try row.get("is_active")
        settings.systemPrompt = try row.get("system_prompt")
        settings.welcomeMessage = try row.get("welcome_message")
        settings.welcomeInterruptible = try row.get("welcome_interruptible")
        settings.primaryLanguage = try row.get("primary_language")
        settings.secondaryLanguage = try row.get("secondary_language")
        settings.llmModel = try row.get("llm_model")
        settings.temperature = try row.get("temperature")
        settings.ttsVoice = try row.get("tts_voice")
        settings.voiceSpeed = try row.get("voice_speed")
        settings.sttModel = try row.get("stt_model")
        settings.interruptionSensitivity = try row.get("interruption_sensitivity")
        settings.silenceThresholdMs = try row.get("silence_threshold_ms")
        settings.silenceTimeoutMs = try row.get("silence_timeout_ms")
        self.init(
            id: try row.get("id"),
            organizationID: try row.get("organization_id"),
            settings: settings,
            createdAt: try row.get("created_at"),
            updatedAt: try row.get("updated_at")
        )
    }
}

import Foundation
import GRDB
import ParleyCore

extension SQLiteStore {
    public func insertAgent(_ agent: Agent) async throws {
        try await pool.write { db in
            try db.run(
                "INSERT INTO agents (\(AgentColumns.all.joined(separator: ", "))) VALUES (\(AgentColumns.placeholders))",
                agent.sqliteArguments
            )
        }
    }

    public func agent(id: UUID, organizationID: UUID) async throws -> Agent? {
        try await pool.read { db in
            try db.row("SELECT * FROM agents WHERE id = ? AND organization_id = ?", [id.lowercasedString, organizationID.lowercasedString])
                .map(Agent.init(row:))
        }
    }

    public func agents(organizationID: UUID) async throws -> [Agent] {
        try await pool.read { db in
            try db.rows("SELECT * FROM agents WHERE organization_id = ? ORDER BY created_at, id", [organizationID.lowercasedString])
                .map(Agent.init(row:))
        }
    }

    public func updateAgent(_ agent: Agent) async throws -> Bool {
        try await pool.write { db in
            let assignments = AgentColumns.settings.map { "\($0) = ?" }.joined(separator: ", ")
            var arguments = agent.settingsArguments
            arguments += [agent.updatedAt.sqliteValue, agent.id.lowercasedString, agent.organizationID.lowercasedString]
            return try db.changes("UPDATE agents SET \(assignments), updated_at = ? WHERE id = ? AND organization_id = ?", arguments) > 0
        }
    }

    public func deleteAgent(id: UUID, organizationID: UUID) async throws -> Bool {
        try await pool.write { db in
            try db.changes("DELETE FROM agents WHERE id = ? AND organization_id = ?", [id.lowercasedString, organizationID.lowercasedString]) > 0
        }
    }
}

extension Agent {
    fileprivate var settingsArguments: StatementArguments {
        let s = settings
        return [
            s.name, s.architecture.rawValue, s.isActive, s.systemPrompt, s.welcomeMessage, s.welcomeInterruptible,
            s.primaryLanguage, s.secondaryLanguage, s.llmModel, s.temperature, s.ttsVoice, s.voiceSpeed, s.sttModel,
            s.interruptionSensitivity, s.silenceThresholdMs, s.silenceTimeoutMs,
        ]
    }

    fileprivate var sqliteArguments: StatementArguments {
        var arguments: StatementArguments = [id.lowercasedString, organizationID.lowercasedString]
        arguments += settingsArguments
        arguments += [createdAt.sqliteValue, updatedAt.sqliteValue]
        return arguments
    }

    fileprivate init(row: Row) {
        var settings = AgentSettings(name: row["name"])
        settings.architecture = AgentArchitecture(rawValue: row["architecture"]) ?? .pipeline
        settings.isActive = row["is_active"]
        settings.systemPrompt = row["system_prompt"]
        settings.welcomeMessage = row["welcome_message"]
        settings.welcomeInterruptible = row["welcome_interruptible"]
        settings.primaryLanguage = row["primary_language"]
        settings.secondaryLanguage = row["secondary_language"]
        settings.llmModel = row["llm_model"]
        settings.temperature = row["temperature"]
        settings.ttsVoice = row["tts_voice"]
        settings.voiceSpeed = row["voice_speed"]
        settings.sttModel = row["stt_model"]
        settings.interruptionSensitivity = row["interruption_sensitivity"]
        settings.silenceThresholdMs = row["silence_threshold_ms"]
        settings.silenceTimeoutMs = row["silence_timeout_ms"]
        self.init(
            id: row.uuid("id"),
            organizationID: row.uuid("organization_id"),
            settings: settings,
            createdAt: row.date("created_at"),
            updatedAt: row.date("updated_at")
        )
    }
}

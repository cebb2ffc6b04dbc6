import Foundation
import Hummingbird
import ParleyCore

/// An agent as the dashboard API shows it; optional settings appear as `null`, never absent.
struct AgentResponse: ResponseEncodable {
    let agent: Agent

    func encode(to encoder: any Encoder) throws {
        let s = agent.settings
        var c = encoder.container(keyedBy: AgentJSONKey.self)
        try c.encode(agent.id.lowercasedString, forKey: .id)
        try c.encode(s.name, forKey: .name)
        try c.encode(s.architecture, forKey: .architecture)
        try c.encode(s.isActive, forKey: .active)
        try c.encode(s.systemPrompt, forKey: .systemPrompt)
        try c.encode(s.welcomeMessage, forKey: .welcomeMessage)
        try c.encode(s.welcomeInterruptible, forKey: .welcomeInterruptible)
        try c.encode(s.primaryLanguage, forKey: .primaryLanguage)
        try c.encode(s.secondaryLanguage, forKey: .secondaryLanguage)
        try c.encode(s.llmModel, forKey: .llmModel)
        try c.encode(s.temperature, forKey: .temperature)
        try c.encode(s.ttsVoice, forKey: .ttsVoice)
        try c.encode(s.voiceSpeed, forKey: .voiceSpeed)
        try c.encode(s.sttModel, forKey: .sttModel)
        try c.encode(s.interruptionSensitivity, forKey: .interruptionSensitivity)
        try c.encode(s.silenceThresholdMs, forKey: .silenceThresholdMs)
        try c.encode(s.silenceTimeoutMs, forKey: .silenceTimeoutMs)
        try c.encode(agent.createdAt, forKey: .createdAt)
        try c.encode(agent.updatedAt, forKey: .updatedAt)
    }
}

/// `GET /api/dashboard/agents`.
struct AgentListResponse: ResponseEncodable {
    let agents: [AgentResponse]
}

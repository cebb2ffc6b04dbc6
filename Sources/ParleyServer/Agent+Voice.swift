import ParleyCore

extension Agent {
    /// Throws unless the agent can take a voice call or session: 400 `agent_not_voice` for a
    /// text agent, 400 `agent_inactive` for an inactive one.
    func ensureTakesVoice() throws {
        guard settings.architecture.handlesVoice else { throw ParleyError.agentNotVoice }
        guard settings.isActive else { throw ParleyError.agentInactive }
    }
}

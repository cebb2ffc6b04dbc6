import Foundation
import ParleyCore

/// Whether a caller may start a voice call, whatever the transport: the key, the key's rate of
/// calls, the agent, the organisation's credits. Refusals carry seed 002's close codes.
struct VoiceCallAdmission: Sendable {
    let store: any Store
    let authenticator: APIKeyAuthenticator
    /// Calls a minute per key.
    let limiter: RateLimiter

    /// The caller and the agent they may talk to: the one `agentID` names, or the organisation's
    /// first active voice agent.
    func admit(apiKey: String?, agentID: UUID?) async throws -> (Caller, Agent) {
        let caller: Caller
        do {
            caller = try await authenticator.authenticate(apiKey)
        } catch let error as ParleyError where error.status == 401 {
            throw VoiceSocketClose.unauthorized
        }
        guard case .allowed = limiter.take(caller.apiKeyID) else { throw VoiceSocketClose.rateLimited }
        let agent: Agent
        do {
            agent = try await voiceAgent(agentID, organizationID: caller.organizationID)
        } catch let error as ParleyError {
            throw VoiceSocketClose.agentNotFound(error.detail)
        }
        guard try await store.creditBalance(organizationID: caller.organizationID) > 0 else {
            throw VoiceSocketClose.insufficientCredits
        }
        return (caller, agent)
    }

    /// A call Twilio announced through the workspace webhook, admitted by the ticket that webhook
    /// signed (``TwilioStreamTicket``): the organisation's rate of calls, the agent, the credits.
    func admit(ticket: TwilioStreamTicket, signature: String?, now: Date = Date()) async throws -> Agent {
        guard let token = try await store.twilioAuthToken(organizationID: ticket.organizationID),
            ticket.isValid(signature, authToken: token, now: now)
        else { throw VoiceSocketClose.unauthorized }
        guard case .allowed = limiter.take(ticket.organizationID) else { throw VoiceSocketClose.rateLimited }
        let agent: Agent
        do {
            agent = try await voiceAgent(ticket.agentID, organizationID: ticket.organizationID)
        } catch let error as ParleyError {
            throw VoiceSocketClose.agentNotFound(error.detail)
        }
        guard try await store.creditBalance(organizationID: ticket.organizationID) > 0 else {
            throw VoiceSocketClose.insufficientCredits
        }
        return agent
    }

    /// What ``admit(apiKey:agentID:)`` checks except the rate, for a request that announces a
    /// call (Twilio's webhook) rather than starts it; refusals are HTTP errors.
    func announcedCall(apiKey: String?, agentID: UUID?) async throws -> (Caller, Agent) {
        let caller = try await authenticator.authenticate(apiKey)
        let agent = try await voiceAgent(agentID, organizationID: caller.organizationID)
        guard try await store.creditBalance(organizationID: caller.organizationID) > 0 else {
            throw ParleyError.insufficientCredits
        }
        return (caller, agent)
    }

    /// The agent `id` names in the organisation (or its first active voice agent), if it can
    /// take a voice call; refusals are HTTP errors.
    func voiceAgent(_ id: UUID?, organizationID: UUID) async throws -> Agent {
        guard let id else {
            let first = try await store.agents(organizationID: organizationID)
                .first { $0.settings.isActive && $0.settings.architecture.handlesVoice }
            guard let first else { throw ParleyError.notFound("No active voice agent") }
            return first
        }
        guard let agent = try await store.agent(id: id, organizationID: organizationID) else {
            throw ParleyError.agentNotFound
        }
        guard agent.settings.architecture.handlesVoice else { throw ParleyError.agentNotVoice }
        guard agent.settings.isActive else { throw ParleyError.agentInactive }
        return agent
    }
}

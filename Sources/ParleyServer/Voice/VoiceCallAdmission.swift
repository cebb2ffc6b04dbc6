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
        return (caller, try await admitted(agentID, organizationID: caller.organizationID, rateKey: caller.apiKeyID))
    }

    /// A call Twilio announced through the workspace webhook, admitted by the ticket that webhook
    /// signed (``TwilioStreamTicket``): the organisation's rate of calls, the agent, the credits.
    func admit(ticket: TwilioStreamTicket, signature: String?, now: Date = Date()) async throws -> Agent {
        guard let token = try await store.twilioAuthToken(organizationID: ticket.organizationID),
            ticket.isValid(signature, authToken: token, now: now)
        else { throw VoiceSocketClose.unauthorized }
        return try await admitted(ticket.agentID, organizationID: ticket.organizationID, rateKey: ticket.organizationID)
    }

    /// A call a SIP trunk brought in for the organisation's agent `agentID` (the dispatch rules
    /// chose it): the organisation's rate of calls, the agent, the credits.
    func admit(trunkCallTo agentID: UUID, organizationID: UUID) async throws -> Agent {
        try await admitted(agentID, organizationID: organizationID, rateKey: organizationID)
    }

    /// A call the organisation places (`POST /sip/call`): its rate of calls, the agent, the
    /// credits; refusals are HTTP errors.
    func admit(placedCallFrom agentID: UUID, organizationID: UUID) async throws -> Agent {
        if case .limited(let retryAfter) = limiter.take(organizationID) {
            throw ParleyError.rateLimited(retryAfter: max(1, Int(retryAfter.rounded(.up))))
        }
        return try await announcedAgent(agentID, organizationID: organizationID)
    }

    /// What ``admit(apiKey:agentID:)`` checks except the rate, for a request that announces a
    /// call (Twilio's webhook) rather than starts it; refusals are HTTP errors.
    func announcedCall(apiKey: String?, agentID: UUID?) async throws -> (Caller, Agent) {
        let caller = try await authenticator.authenticate(apiKey)
        return (caller, try await announcedAgent(agentID, organizationID: caller.organizationID))
    }

    /// The agent `id` names (or the organisation's first active voice agent), if it can take a
    /// voice call and the organisation has credits; refusals are HTTP errors.
    func announcedAgent(_ id: UUID?, organizationID: UUID) async throws -> Agent {
        let agent = try await voiceAgent(id, organizationID: organizationID)
        guard try await store.creditBalance(organizationID: organizationID) > 0 else {
            throw ParleyError.insufficientCredits
        }
        return agent
    }

    /// A call that may start once its caller is known: the rate of calls under `rateKey`, then
    /// ``announcedAgent(_:organizationID:)``, its refusals as close codes.
    private func admitted(_ agentID: UUID?, organizationID: UUID, rateKey: UUID) async throws -> Agent {
        guard case .allowed = limiter.take(rateKey) else { throw VoiceSocketClose.rateLimited }
        do {
            return try await announcedAgent(agentID, organizationID: organizationID)
        } catch let error as ParleyError where error == .insufficientCredits {
            throw VoiceSocketClose.insufficientCredits
        } catch let error as ParleyError {
            throw VoiceSocketClose.agentNotFound(error.detail)
        }
    }

    private func voiceAgent(_ id: UUID?, organizationID: UUID) async throws -> Agent {
        guard let id else {
            let first = try await store.agents(organizationID: organizationID)
                .first { $0.settings.isActive && $0.settings.architecture.handlesVoice }
            guard let first else { throw ParleyError.notFound("No active voice agent") }
            return first
        }
        guard let agent = try await store.agent(id: id, organizationID: organizationID) else {
            throw ParleyError.agentNotFound
        }
        try agent.ensureTakesVoice()
        return agent
    }
}

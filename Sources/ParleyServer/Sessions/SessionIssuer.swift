import Foundation
import LiveKit
import ParleyCore

/// The steps every session-token endpoint shares, in seed 001's order: the agent is checked, the
/// credits are checked, the room and dispatch are created on LiveKit (when one is configured),
/// then the participant token is minted.
struct SessionIssuer: Sendable {
    let store: any Store
    let authority: TokenAuthority
    /// `nil` when no LiveKit server is configured: tokens are minted, no room is created.
    let liveKit: LiveKitServerClient?
    let agentWorkerName: String
    let limiter: RateLimiter

    /// The caller's agent, if it can take a voice session: 404 for unknown ids or another
    /// organisation's, 400 for text or inactive agents.
    func voiceAgent(_ reference: AgentReference, caller: Caller) async throws -> Agent {
        let agent: Agent?
        switch reference {
        case .id(let id):
            agent = try await store.agent(id: id, organizationID: caller.organizationID)
        case .name(let name):
            let named = try await store.agents(organizationID: caller.organizationID).filter { $0.settings.name == name }
            guard named.count <= 1 else {
                throw ParleyError.conflict("Several agents are named '\(name)'; use agent_id")
            }
            agent = named.first
        }
        guard let agent else { throw ParleyError.agentNotFound }
        try agent.ensureTakesVoice()
        return agent
    }

    /// Fail-closed credit check (seed 001): no positive balance, no session.
    func requireCredits(_ caller: Caller) async throws {
        guard try await store.creditBalance(organizationID: caller.organizationID) > 0 else {
            throw ParleyError.insufficientCredits
        }
    }

    /// Applies the per-key session rate limit (seed 002: 30 a minute by default).
    func admit(_ caller: Caller) throws {
        try limiter.enforce(caller.apiKeyID)
    }

    /// Creates the room and dispatches the agent on LiveKit, then mints the participant's token.
    func issue(_ session: SessionPlan, caller: Caller, singleUse: Bool = false) async throws -> String {
        let metadata = try session.metadata.jsonString()
        if let liveKit {
            do {
                try await liveKit.createRoom(name: session.room, metadata: metadata)
                try await liveKit.createDispatch(room: session.room, agentName: agentWorkerName, metadata: metadata)
            } catch {
                throw ParleyError.voiceSessionFailed(error.description)
            }
        }
        let tokenID = singleUse ? UUID().lowercasedString : nil
        let minted = try authority.participantToken(
            identity: session.identity,
            name: session.displayName,
            metadata: metadata,
            grant: .participant(room: session.room, canPublishData: session.canPublishData),
            roomConfig: RoomConfiguration(
                name: session.room,
                agents: [.init(agentName: agentWorkerName, metadata: metadata)]
            ),
            tokenID: tokenID
        )
        if let tokenID {
            try await store.recordSessionToken(
                id: tokenID,
                organizationID: caller.organizationID,
                expiresAt: Date(timeIntervalSince1970: TimeInterval(minted.claims.exp))
            )
        }
        return minted.token
    }
}

/// How a request names its agent.
enum AgentReference {
    case id(UUID)
    case name(String)

    /// Seed 001 and 000 take an id; a string that is no UUID cannot name an agent there.
    static func id(_ raw: String) throws -> AgentReference {
        guard let id = UUID(uuidString: raw) else { throw ParleyError.agentNotFound }
        return .id(id)
    }
}

/// One session about to be issued.
struct SessionPlan {
    var room: String
    var identity: String
    var displayName: String?
    var metadata: SessionMetadata
    var canPublishData: Bool
}

import Foundation
import Hummingbird
import ParleyCore

/// The three LiveKit session-token APIs: seed 000's `POST /token`, seed 001's
/// `POST /v1/chat/voice-sessions` and seed 003's `POST /api/webrtc/token`.
struct SessionController {
    let issuer: SessionIssuer
    let liveKitURL: String
    let conversationTTL: Duration
    let maxBodyBytes: Int
    let timestamps = UniqueMilliseconds()

    func addRoutes(to group: RouterGroup<ParleyRequestContext>) {
        group.post("token", use: conversationToken)
            .post("v1/chat/voice-sessions", use: voiceSession)
            .post("api/webrtc/token", use: webRTCToken)
    }

    @Sendable func conversationToken(_ request: Request, context: ParleyRequestContext) async throws -> ConversationTokenResponse {
        let caller = try context.requireCaller()
        try issuer.admit(caller)
        let body = try await JSONBody.decode(ConversationTokenRequest.self, from: request, limit: maxBodyBytes)
        guard UUID(uuidString: body.workspaceID) == caller.organizationID else {
            throw ParleyError.notFound("Workspace not found")
        }
        let agent = try await issuer.voiceAgent(try .id(body.agentID), caller: caller)
        try await issuer.requireCredits(caller)
        let conversation = try await issuer.store.openConversation(
            organizationID: caller.organizationID,
            agentID: agent.id,
            key: body.chatID,
            now: Date(),
            ttl: TimeInterval(conversationTTL.components.seconds)
        )
        let room = RoomNames.conversation(workspaceID: caller.organizationID, chatID: body.chatID)
        let plan = SessionPlan(
            room: room,
            identity: body.userID,
            displayName: body.userID,
            metadata: SessionMetadata(
                organizationID: caller.organizationID.lowercasedString,
                agentID: agent.id.lowercasedString,
                conversationID: conversation.id.lowercasedString,
                chatID: body.chatID
            ),
            canPublishData: true
        )
        return ConversationTokenResponse(token: try await issuer.issue(plan, caller: caller), url: liveKitURL, roomName: room)
    }

    @Sendable func voiceSession(_ request: Request, context: ParleyRequestContext) async throws -> VoiceSessionResponse {
        let caller = try context.requireCaller()
        try issuer.admit(caller)
        let body = try await JSONBody.decode(VoiceSessionRequest.self, from: request, limit: maxBodyBytes)
        let agent = try await issuer.voiceAgent(try .id(body.agentID), caller: caller)
        try await issuer.requireCredits(caller)
        // The caller's "user" is the API key: seed 001 extracts the user from the key.
        let userID = "user-" + caller.apiKeyID.lowercasedString.prefix(8)
        let room = RoomNames.voiceSession(agentID: agent.id, userID: userID, milliseconds: timestamps.next())
        let plan = SessionPlan(
            room: room,
            identity: userID,
            displayName: userID,
            metadata: SessionMetadata(organizationID: caller.organizationID.lowercasedString, agentID: agent.id.lowercasedString),
            canPublishData: false
        )
        return VoiceSessionResponse(
            roomName: room,
            token: try await issuer.issue(plan, caller: caller),
            liveKitURL: liveKitURL,
            agentName: agent.settings.name
        )
    }

    @Sendable func webRTCToken(_ request: Request, context: ParleyRequestContext) async throws -> WebRTCTokenResponse {
        let caller = try context.requireCaller()
        try issuer.admit(caller)
        let body = try await JSONBody.decode(WebRTCTokenRequest.self, from: request, limit: maxBodyBytes)
        // Seed 003 accepts a name in agent_id too.
        let reference: AgentReference =
            if let rawID = body.agentID {
                UUID(uuidString: rawID).map(AgentReference.id) ?? .name(rawID)
            } else {
                .name(body.agentName ?? "")
            }
        let agent = try await issuer.voiceAgent(reference, caller: caller)
        try await issuer.requireCredits(caller)
        let room = RoomNames.webRTC(agentID: agent.id, suffix: RoomNames.randomSuffix())
        let identity = "webrtc-user-" + RoomNames.randomSuffix(8)
        let plan = SessionPlan(
            room: room,
            identity: identity,
            displayName: nil,
            metadata: SessionMetadata(
                organizationID: caller.organizationID.lowercasedString,
                agentID: agent.id.lowercasedString,
                overrides: body.overrides.isEmpty ? nil : body.overrides,
                metadata: body.metadata
            ),
            canPublishData: true
        )
        return WebRTCTokenResponse(
            token: try await issuer.issue(plan, caller: caller, singleUse: true),
            roomName: room,
            agentName: agent.id.lowercasedString,
            connectionURL: body.websocketURL ?? liveKitURL
        )
    }
}

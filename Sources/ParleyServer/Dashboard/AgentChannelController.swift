import Foundation
import Hummingbird
import ParleyCore

/// `/api/dashboard/agent-channels` (seed 000's "Agent Channels"): which agent answers each of the
/// organisation's phone numbers when Twilio calls `/webhooks/twilio/voice/{WORKSPACE_ID}`.
struct AgentChannelController {
    let store: any Store
    let maxBodyBytes: Int

    func addRoutes(to group: RouterGroup<ParleyRequestContext>) {
        group.get(use: list)
            .post(use: create)
            .delete("{id}", use: delete)
    }

    @Sendable func list(_ request: Request, context: ParleyRequestContext) async throws -> AgentChannelListResponse {
        let caller = try context.requireCaller()
        return AgentChannelListResponse(channels: try await store.agentChannels(organizationID: caller.organizationID).map(AgentChannelResponse.init))
    }

    @Sendable func create(_ request: Request, context: ParleyRequestContext) async throws -> EditedResponse<AgentChannelResponse> {
        let caller = try context.requireCaller()
        let body = try await JSONBody.decode(AgentChannelBody.self, from: request, limit: maxBodyBytes)
        guard AgentChannel.isPhoneNumber(body.phoneNumber) else {
            throw ParleyError.invalidField("phone_number", "must be an E.164 number: + and 7 to 15 digits")
        }
        guard let agentID = UUID(uuidString: body.agentID),
            try await store.agent(id: agentID, organizationID: caller.organizationID) != nil
        else { throw ParleyError.agentNotFound }
        let channel = AgentChannel(organizationID: caller.organizationID, phoneNumber: body.phoneNumber, agentID: agentID)
        try await store.insertAgentChannel(channel)
        return EditedResponse(status: .created, response: AgentChannelResponse(channel: channel))
    }

    @Sendable func delete(_ request: Request, context: ParleyRequestContext) async throws -> HTTPResponse.Status {
        let caller = try context.requireCaller()
        guard let id = context.parameters.get("id", as: UUID.self),
            try await store.deleteAgentChannel(id: id, organizationID: caller.organizationID)
        else { throw ParleyError.notFound("Agent channel not found") }
        return .noContent
    }
}

import Foundation
import Hummingbird
import ParleyCore

/// `/sip/dispatch` (seed 000's "Dispatch Rules"): which agent answers the organisation's SIP calls,
/// by the number called and the trunk they come in on.
struct SIPDispatchController {
    let store: any Store
    let maxBodyBytes: Int

    func addRoutes(to group: RouterGroup<ParleyRequestContext>) {
        group.get(use: list)
            .post(use: create)
            .get("{id}", use: show)
            .delete("{id}", use: delete)
    }

    @Sendable func list(_ request: Request, context: ParleyRequestContext) async throws -> SIPDispatchListResponse {
        let caller = try context.requireCaller()
        return SIPDispatchListResponse(rules: try await store.sipDispatchRules(organizationID: caller.organizationID).map(SIPDispatchResponse.init))
    }

    @Sendable func create(_ request: Request, context: ParleyRequestContext) async throws -> EditedResponse<SIPDispatchResponse> {
        let caller = try context.requireCaller()
        let body = try await JSONBody.decode(SIPDispatchBody.self, from: request, limit: maxBodyBytes)
        try caller.requireWorkspace(body.workspaceID)
        let trunkID: UUID? = if let trunk = body.trunkID { try await ownedTrunk(trunk, caller) } else { nil }
        let agentID = try await ownedAgent(body.agentID, caller)
        let fallbackAgentID: UUID? = if let fallback = body.fallbackAgentID { try await ownedAgent(fallback, caller) } else { nil }
        let rule = SIPDispatchRule(
            organizationID: caller.organizationID,
            name: body.name,
            calledNumber: body.calledNumber,
            trunkID: trunkID,
            agentID: agentID,
            fallbackAgentID: fallbackAgentID
        )
        try rule.validate()
        try await store.insertSIPDispatchRule(rule)
        return EditedResponse(status: .created, response: SIPDispatchResponse(rule: rule))
    }

    @Sendable func show(_ request: Request, context: ParleyRequestContext) async throws -> SIPDispatchResponse {
        SIPDispatchResponse(rule: try await context.owned(orElse: Self.notFound) { try await store.sipDispatchRule(id: $0, organizationID: $1) })
    }

    @Sendable func delete(_ request: Request, context: ParleyRequestContext) async throws -> HTTPResponse.Status {
        try await context.deleteOwned(orElse: Self.notFound) { try await store.deleteSIPDispatchRule(id: $0, organizationID: $1) }
    }

    static let notFound = ParleyError.notFound("Dispatch rule not found")

    private func ownedAgent(_ text: String, _ caller: Caller) async throws -> UUID {
        guard let id = UUID(uuidString: text), try await store.agent(id: id, organizationID: caller.organizationID) != nil else {
            throw ParleyError.agentNotFound
        }
        return id
    }

    private func ownedTrunk(_ text: String, _ caller: Caller) async throws -> UUID {
        guard let id = UUID(uuidString: text), try await store.sipTrunk(id: id, organizationID: caller.organizationID) != nil else {
            throw SIPTrunkController.notFound
        }
        return id
    }
}

import Foundation
import Hummingbird
import ParleyCore

/// `/sip/trunk` (seed 000's "SIP Telephony Integration"): the organisation's SIP trunks, which
/// say where its SIP calls come from and how Parley calls out.
struct SIPTrunkController {
    let store: any Store
    let maxBodyBytes: Int

    func addRoutes(to group: RouterGroup<ParleyRequestContext>) {
        group.get(use: list)
            .post(use: create)
            .get("{id}", use: show)
            .delete("{id}", use: delete)
    }

    @Sendable func list(_ request: Request, context: ParleyRequestContext) async throws -> SIPTrunkListResponse {
        let caller = try context.requireCaller()
        return SIPTrunkListResponse(trunks: try await store.sipTrunks(organizationID: caller.organizationID).map(SIPTrunkResponse.init))
    }

    @Sendable func create(_ request: Request, context: ParleyRequestContext) async throws -> EditedResponse<SIPTrunkResponse> {
        let caller = try context.requireCaller()
        let body = try await JSONBody.decode(SIPTrunkBody.self, from: request, limit: maxBodyBytes)
        try caller.requireWorkspace(body.workspaceID)
        let trunk = body.trunk(organizationID: caller.organizationID)
        try trunk.validate()
        try await store.insertSIPTrunk(trunk)
        return EditedResponse(status: .created, response: SIPTrunkResponse(trunk: trunk))
    }

    @Sendable func show(_ request: Request, context: ParleyRequestContext) async throws -> SIPTrunkResponse {
        SIPTrunkResponse(trunk: try await context.owned(orElse: Self.notFound) { try await store.sipTrunk(id: $0, organizationID: $1) })
    }

    /// Deletes the trunk and the dispatch rules that name it.
    @Sendable func delete(_ request: Request, context: ParleyRequestContext) async throws -> HTTPResponse.Status {
        try await context.deleteOwned(orElse: Self.notFound) { try await store.deleteSIPTrunk(id: $0, organizationID: $1) }
    }

    static let notFound = ParleyError.notFound("SIP trunk not found")
}

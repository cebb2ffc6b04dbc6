import Foundation
import Hummingbird
import ParleyCore

/// `/api/dashboard/calls` and `/api/dashboard/stats`.
struct CallController {
    let store: any Store

    func addRoutes(to group: RouterGroup<ParleyRequestContext>) {
        group.get("calls", use: list)
            .get("calls/{id}", use: show)
            .get("stats", use: stats)
    }

    @Sendable func list(_ request: Request, context: ParleyRequestContext) async throws -> CallListResponse {
        let caller = try context.requireCaller()
        let limit = try request.limitParameter(default: 20)
        var cursor: CallCursor?
        if let raw = request.uri.queryParameters["cursor"] {
            guard let parsed = CallCursor(token: String(raw)) else { throw ParleyError.invalidField("cursor", "is not a cursor this API returned") }
            cursor = parsed
        }
        let page = try await store.calls(organizationID: caller.organizationID, limit: limit, after: cursor)
        return CallListResponse(calls: page.calls.map(CallResponse.init), nextCursor: page.next?.token)
    }

    @Sendable func show(_ request: Request, context: ParleyRequestContext) async throws -> CallDetailResponse {
        let caller = try context.requireCaller()
        guard let id = context.parameters.get("id", as: UUID.self),
            let call = try await store.call(id: id, organizationID: caller.organizationID)
        else { throw ParleyError.notFound("Call not found") }
        let turns = try await store.turns(callID: id, organizationID: caller.organizationID)
        return CallDetailResponse(call: CallResponse(call: call), transcript: turns.map(TurnResponse.init))
    }

    @Sendable func stats(_ request: Request, context: ParleyRequestContext) async throws -> StatsResponse {
        let caller = try context.requireCaller()
        return StatsResponse(try await store.stats(organizationID: caller.organizationID))
    }
}

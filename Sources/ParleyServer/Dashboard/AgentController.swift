import Foundation
import Hummingbird
import ParleyCore

/// `/api/dashboard/agents`: list, create, read, update (PUT or PATCH, both partial) and delete.
struct AgentController {
    let store: any Store
    let maxBodyBytes: Int

    func addRoutes(to group: RouterGroup<ParleyRequestContext>) {
        group.get(use: list)
            .post(use: create)
            .get("{id}", use: show)
            .put("{id}", use: update)
            .patch("{id}", use: update)
            .delete("{id}", use: delete)
    }

    @Sendable func list(_ request: Request, context: ParleyRequestContext) async throws -> AgentListResponse {
        let caller = try context.requireCaller()
        return AgentListResponse(agents: try await store.agents(organizationID: caller.organizationID).map(AgentResponse.init))
    }

    @Sendable func create(_ request: Request, context: ParleyRequestContext) async throws -> EditedResponse<AgentResponse> {
        let caller = try context.requireCaller()
        let body = try await JSONBody.decode(AgentBody.self, from: request, limit: maxBodyBytes)
        guard let name = body.name else { throw ParleyError.missingField("name") }
        var settings = AgentSettings(name: name)
        body.apply(to: &settings)
        try settings.validate()
        let agent = Agent(organizationID: caller.organizationID, settings: settings)
        try await store.insertAgent(agent)
        return EditedResponse(status: .created, response: AgentResponse(agent: agent))
    }

    @Sendable func show(_ request: Request, context: ParleyRequestContext) async throws -> AgentResponse {
        AgentResponse(agent: try await ownedAgent(context))
    }

    @Sendable func update(_ request: Request, context: ParleyRequestContext) async throws -> AgentResponse {
        var agent = try await ownedAgent(context)
        let body = try await JSONBody.decode(AgentBody.self, from: request, limit: maxBodyBytes)
        body.apply(to: &agent.settings)
        try agent.settings.validate()
        agent.updatedAt = Date()
        guard try await store.updateAgent(agent) else { throw ParleyError.agentNotFound }
        return AgentResponse(agent: agent)
    }

    @Sendable func delete(_ request: Request, context: ParleyRequestContext) async throws -> HTTPResponse.Status {
        let caller = try context.requireCaller()
        guard let id = context.parameters.get("id", as: UUID.self),
            try await store.deleteAgent(id: id, organizationID: caller.organizationID)
        else { throw ParleyError.agentNotFound }
        return .noContent
    }

    private func ownedAgent(_ context: ParleyRequestContext) async throws -> Agent {
        let caller = try context.requireCaller()
        guard let id = context.parameters.get("id", as: UUID.self),
            let agent = try await store.agent(id: id, organizationID: caller.organizationID)
        else { throw ParleyError.agentNotFound }
        return agent
    }
}

import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import ParleyCore
import Telephony

/// `/sip/call` (seed 000): calls an agent places through one of the organisation's trunks. The
/// agent speaks first when the callee answers (its welcome message, or a greeting by name).
/// `DELETE` hangs up. Calls are followed by the node that placed them.
struct SIPCallController {
    let store: any Store
    let admission: VoiceCallAdmission
    let runner: VoiceCallRunner
    let userAgent: SIPUserAgent?
    let placed: PlacedCalls
    let maxBodyBytes: Int
    let logger: Logger

    func addRoutes(to group: RouterGroup<ParleyRequestContext>) {
        group.get(use: list)
            .post(use: create)
            .get("{id}", use: show)
            .delete("{id}", use: delete)
    }

    @Sendable func list(_ request: Request, context: ParleyRequestContext) async throws -> SIPCallListResponse {
        let caller = try context.requireCaller()
        return SIPCallListResponse(calls: placed.calls(organizationID: caller.organizationID).map(SIPCallResponse.init))
    }

    @Sendable func show(_ request: Request, context: ParleyRequestContext) async throws -> SIPCallResponse {
        SIPCallResponse(call: try await context.owned(orElse: Self.notFound) { id, organizationID in placed.call(id: id, organizationID: organizationID) })
    }

    /// Hangs up (or stops dialling); the call's outcome stays readable.
    @Sendable func delete(_ request: Request, context: ParleyRequestContext) async throws -> HTTPResponse.Status {
        let call = try await context.owned(orElse: Self.notFound) { id, organizationID in placed.call(id: id, organizationID: organizationID) }
        userAgent?.hangUp(callID: call.sipCallID)
        return .noContent
    }

    @Sendable func create(_ request: Request, context: ParleyRequestContext) async throws -> EditedResponse<SIPCallResponse> {
        let caller = try context.requireCaller()
        let body = try await JSONBody.decode(SIPCallBody.self, from: request, limit: maxBodyBytes)
        try caller.requireWorkspace(body.workspaceID)
        guard let userAgent else { throw ParleyError.conflict("SIP is off on this server (PARLEY_SIP_PORT=0)") }
        guard AgentChannel.isPhoneNumber(body.toNumber) else {
            throw ParleyError.invalidField("to_number", "must be an E.164 number: + and 7 to 15 digits")
        }
        guard let agentID = UUID(uuidString: body.agentID) else { throw ParleyError.agentNotFound }
        let trunk = try await trunk(body.trunkID, organizationID: caller.organizationID)
        guard let host = trunk.host else { throw ParleyError.invalidField("trunk_id", "the trunk has no host to call through") }
        guard let fromNumber = body.fromNumber ?? trunk.outboundNumber else {
            throw ParleyError.missingField("from_number", detail: "from_number is required when the trunk has no outbound_number")
        }
        guard AgentChannel.isPhoneNumber(fromNumber) else {
            throw ParleyError.invalidField("from_number", "must be an E.164 number: + and 7 to 15 digits")
        }
        let address = try await Self.resolve(host, port: trunk.port)
        let agent = try await admission.admit(placedCallFrom: agentID, organizationID: caller.organizationID)
        let id = UUID()
        let call = PlacedCall(
            id: id, organizationID: caller.organizationID, agentID: agent.id, trunkID: trunk.id,
            toNumber: body.toNumber, fromNumber: fromNumber, sipCallID: "\(id.lowercasedString)@parley"
        )
        placed.add(call)
        let speaking = Self.greeting(agent)
        var logger = logger
        logger[metadataKey: "sip_call_id"] = "\(call.sipCallID)"
        let credentials = trunk.username.map { SIPCredentials(username: $0, password: trunk.password ?? "") }
        userAgent.dial(SIPDialRequest(
            callID: call.sipCallID, from: fromNumber, to: body.toNumber, trunk: SIPPeer(host: address, port: trunk.port), domain: host,
            credentials: credentials,
            // Engines load while the callee's phone rings, so the greeting comes as soon as they answer.
            prepare: { [runner, logger] in await runner.prepareEngines(for: agent, logger: logger) },
            conversation: { [runner, placed, logger] line in
                placed.update(id) { $0.status = .answered }
                await runner.run(over: line, with: speaking, organizationID: call.organizationID, logger: logger) { started in
                    placed.update(id) { $0.recordID = started.call.id }
                }
            },
            ended: { [placed] ending in
                placed.update(id) { call in
                    if case .failed(let status) = ending { call.failureStatus = status }
                    call.status = call.status == .dialing ? .failed : .completed
                    call.endedAt = Date()
                }
            }
        ))
        return EditedResponse(status: .created, response: SIPCallResponse(call: call))
    }

    /// The trunk `id` names, or the organisation's first trunk with a host.
    private func trunk(_ id: String?, organizationID: UUID) async throws -> SIPTrunk {
        guard let id else {
            let trunks = try await store.sipTrunks(organizationID: organizationID)
            guard let trunk = trunks.first(where: { $0.host != nil }) else {
                throw ParleyError.invalidField("trunk_id", "the organisation has no SIP trunk with a host to call through")
            }
            return trunk
        }
        guard let uuid = UUID(uuidString: id), let trunk = try await store.sipTrunk(id: uuid, organizationID: organizationID) else {
            throw SIPTrunkController.notFound
        }
        return trunk
    }

    /// The trunk host's address; the lookup (getaddrinfo, which blocks) runs on NIO's thread pool.
    private static func resolve(_ host: String, port: Int) async throws -> String {
        let address = try? await NIOThreadPool.singleton.runIfActive {
            try SocketAddress.makeAddressResolvingHost(host, port: port).ipAddress
        }
        guard let address else { throw ParleyError.invalidField("trunk_id", "the trunk's host \(host) does not resolve") }
        return address
    }

    /// The agent as it calls: it speaks first, with its welcome message or a greeting by name.
    private static func greeting(_ agent: Agent) -> Agent {
        var agent = agent
        if agent.settings.welcomeMessage?.isEmpty ?? true { agent.settings.welcomeMessage = "Hello, this is \(agent.settings.name)." }
        return agent
    }

    static let notFound = ParleyError.notFound("SIP call not found")
}

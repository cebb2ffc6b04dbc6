import Conversation
import Engines
import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import ParleyCore
import ServiceLifecycle

/// `GET /ws/voice` (seed 002): a browser or app talks with an agent over one WebSocket.
///
/// The upgrade is always accepted, then checked, so that a refused client learns why from seed
/// 002's close codes (a browser never sees the status of a refused upgrade): the key (4001), the
/// rate limit (4029), the agent (4005), the credits (4002), the agent's model (4003), the engines
/// (4004).
struct VoiceSocketController: Sendable {
    let store: any Store
    let engines: any AgentEngineSource
    let authenticator: APIKeyAuthenticator
    /// Connections a minute per key.
    let limiter: RateLimiter
    let conversationTTL: Duration

    /// How long after the upgrade a refused connection is closed.
    static let refusalGrace = Duration.milliseconds(100)

    func addRoutes(to router: Router<BasicWebSocketRequestContext>) {
        router.ws("ws/voice") { inbound, outbound, context in
            await handle(inbound, outbound, parameters: context.request.uri.queryParameters, logger: context.logger)
        }
    }

    private func handle(_ inbound: WebSocketInboundStream, _ outbound: WebSocketOutboundWriter, parameters: Parameters, logger: Logger) async {
        let close: VoiceSocketClose
        do {
            close = try await converse(inbound, outbound, parameters: parameters, logger: logger)
        } catch let refused as VoiceSocketClose {
            logger.info("voice socket refused", metadata: ["code": "\(refused.code)", "reason": "\(refused.reason)"])
            // A close sent at once reaches the client with the upgrade response and the FIN, in one
            // read; HummingbirdWSClient (2.8, as `parley call` uses it) then loses both about one
            // time in two and waits forever. Browsers do not, but a moment's grace costs nothing.
            try? await Task.sleep(for: Self.refusalGrace)
            close = refused
        } catch {
            logger.error("voice socket failed", metadata: ["error": "\(error)"])
            try? await outbound.write(.text(VoiceSocketMessage.error("The call failed on the server")))
            try? await outbound.close(.unexpectedServerError, reason: "Internal error")
            return
        }
        try? await outbound.close(close.errorCode, reason: close.reason)
    }

    /// Admits the caller, then runs the call; answers how to close the socket.
    private func converse(_ inbound: WebSocketInboundStream, _ outbound: WebSocketOutboundWriter, parameters: Parameters, logger: Logger) async throws -> VoiceSocketClose {
        let query = try VoiceSocketQuery(parameters)
        let caller: Caller
        do {
            caller = try await authenticator.authenticate(query.apiKey)
        } catch let error as ParleyError where error.status == 401 {
            throw VoiceSocketClose.unauthorized
        }
        guard case .allowed = limiter.take(caller.apiKeyID) else { throw VoiceSocketClose.rateLimited }
        let agent = try await voiceAgent(query.agentID, caller: caller)
        guard try await store.creditBalance(organizationID: caller.organizationID) > 0 else {
            throw VoiceSocketClose.insufficientCredits
        }
        var logger = logger
        logger[metadataKey: "org_id"] = "\(caller.organizationID.lowercasedString)"
        logger[metadataKey: "agent_id"] = "\(agent.id.lowercasedString)"
        do {
            return try await engines.withEngines(for: agent.settings, logger: logger) { agentEngines in
                try await call(agent, engines: agentEngines, query: query, caller: caller, inbound: inbound, outbound: outbound, logger: logger)
            }
        } catch let error as EngineError {
            throw VoiceSocketClose.providerUnavailable("\(error)")
        } catch is ModelNotAllowed {
            throw VoiceSocketClose.modelNotAllowed
        }
    }

    private func call(
        _ agent: Agent, engines: AgentEngines, query: VoiceSocketQuery, caller: Caller,
        inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, logger: Logger
    ) async throws -> VoiceSocketClose {
        let historyKey = query.sessionID ?? UUID().lowercasedString
        let conversation = try await store.openConversation(
            organizationID: caller.organizationID, agentID: agent.id, key: historyKey,
            now: Date(), ttl: conversationTTL / .seconds(1)
        )
        let past = try await store.conversationMessages(conversationID: conversation.id, limit: CallSettings.historyLimit)
        let record = Call(organizationID: caller.organizationID, agentID: agent.id, transport: .websocket)
        var callLogger = logger
        callLogger[metadataKey: "call_id"] = "\(record.id.lowercasedString)"
        let logger = callLogger

        let output = try VoiceSocketOutput(outbound: outbound, format: query.audioFormat)
        let live = try LiveCall(
            settings: CallSettings(agent: agent.settings, resuming: !past.isEmpty),
            engines: engines,
            history: past.map(\.chatMessage),
            output: output,
            journal: StoreCallJournal(store: store, call: record, conversationID: conversation.id),
            logger: logger
        )
        // Recorded only once nothing can fail before the call runs (and its journal closes it).
        try await store.insertCall(record)
        try? await output.sendText(VoiceSocketMessage.connected(agent: agent, historyKey: historyKey, callID: record.id))
        let input = inbound.messages(maxSize: VoiceSocketInput.maxMessageBytes).map { VoiceSocketInput.input(from: $0) }
        let meter = CreditMeter(store: store, organizationID: caller.organizationID, callID: record.id)
        let ending = await withDiscardingTaskGroup { group in
            group.addTask {
                do {
                    try await meter.run()
                    live.hangUp(.outOfCredits)
                } catch is CancellationError {
                } catch {
                    logger.error("could not debit the call's minutes", metadata: ["error": "\(error)"])
                }
            }
            let ending = await withGracefulShutdownHandler {
                await live.run(input: input)
            } onGracefulShutdown: {
                live.hangUp(.shutdown)
            }
            group.cancelAll()
            return ending
        }
        switch ending {
        case .outOfCredits:
            try? await output.send(.error("Your organisation has run out of credits"))
            return .insufficientCredits
        case .failed(let reason):
            try? await output.send(.error(reason))
            return .normal
        case .callerLeft, .silence, .shutdown:
            return .normal
        }
    }

    /// The agent the query names, or the organisation's first active voice agent.
    private func voiceAgent(_ id: UUID?, caller: Caller) async throws -> Agent {
        guard let id else {
            let first = try await store.agents(organizationID: caller.organizationID)
                .first { $0.settings.isActive && $0.settings.architecture.handlesVoice }
            guard let first else { throw VoiceSocketClose.agentNotFound("No active voice agent") }
            return first
        }
        guard let agent = try await store.agent(id: id, organizationID: caller.organizationID) else {
            throw VoiceSocketClose.agentNotFound()
        }
        guard agent.settings.architecture.handlesVoice else { throw VoiceSocketClose.agentNotFound("Agent cannot take voice calls") }
        guard agent.settings.isActive else { throw VoiceSocketClose.agentNotFound("Agent is inactive") }
        return agent
    }
}

extension ConversationMessage {
    /// The message as the language model is given it.
    var chatMessage: ChatMessage {
        switch role {
        case .user: .user(text)
        case .assistant: .assistant(text)
        case .system: .system(text)
        }
    }
}

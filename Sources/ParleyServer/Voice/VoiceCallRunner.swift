import Conversation
import Engines
import Foundation
import Logging
import ParleyCore
import ServiceLifecycle

/// Runs one admitted voice call over any transport: its engines, its conversation (continued
/// when `historyKey` names an earlier one), its call record and transcript, the per-minute
/// credits, and a graceful end on shutdown.
struct VoiceCallRunner: Sendable {
    let store: any Store
    let engines: any AgentEngineSource
    let conversationTTL: Duration
    /// Wakes every call when its clock has something for it (the server runs it as a service).
    let alarm: CallAlarm

    /// The call as it begins: what a transport tells its caller once the call runs.
    struct Started: Sendable {
        var call: Call
        var historyKey: String
    }

    /// Runs the call until it ends; `connected` is awaited once the call record exists, before
    /// the caller's first audio is taken. Throws the close an engine failure deserves (4003, 4004).
    func run<Input: AsyncSequence & Sendable>(
        _ agent: Agent, organizationID: UUID, historyKey: String?, transport: CallTransport, line: PhoneLine? = nil,
        output: any CallOutput, input: Input, logger: Logger,
        connected: @Sendable (Started) async -> Void
    ) async throws -> CallEnding where Input.Element == CallInput {
        var logger = logger
        logger[metadataKey: "org_id"] = "\(organizationID.lowercasedString)"
        logger[metadataKey: "agent_id"] = "\(agent.id.lowercasedString)"
        do {
            return try await engines.withEngines(for: agent.settings, logger: logger) { [logger] agentEngines in
                let record = Call(organizationID: organizationID, agentID: agent.id, transport: transport, line: line)
                return try await call(record, agent: agent, engines: agentEngines, historyKey: historyKey ?? UUID().lowercasedString,
                                      output: output, input: input, logger: logger, connected: connected)
            }
        } catch let error as EngineError {
            throw VoiceSocketClose.providerUnavailable("\(error)")
        } catch is ModelNotAllowed {
            throw VoiceSocketClose.modelNotAllowed
        }
    }

    private func call<Input: AsyncSequence & Sendable>(
        _ record: Call, agent: Agent, engines: AgentEngines, historyKey: String,
        output: any CallOutput, input: Input, logger: Logger, connected: @Sendable (Started) async -> Void
    ) async throws -> CallEnding where Input.Element == CallInput {
        let conversation = try await store.openConversation(
            organizationID: record.organizationID, agentID: agent.id, key: historyKey,
            now: Date(), ttl: conversationTTL / .seconds(1)
        )
        let past = try await store.conversationMessages(conversationID: conversation.id, limit: CallSettings.historyLimit)
        var logger = logger
        logger[metadataKey: "call_id"] = "\(record.id.lowercasedString)"
        let live = try LiveCall(
            settings: CallSettings(agent: agent.settings, resuming: !past.isEmpty),
            engines: engines,
            history: past.map(\.chatMessage),
            output: output,
            journal: StoreCallJournal(store: store, call: record, conversationID: conversation.id),
            alarm: alarm,
            logger: logger
        )
        // Recorded only once nothing can fail before the call runs (and its journal closes it).
        try await store.insertCall(record)
        await connected(Started(call: record, historyKey: historyKey))
        let meter = CreditMeter(store: store, organizationID: record.organizationID, callID: record.id)
        return await withDiscardingTaskGroup { group in
            group.addTask { [logger] in
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

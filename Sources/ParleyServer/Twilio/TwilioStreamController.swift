import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import ParleyCore
import WSCore

/// `/ws/twilio/stream`: Twilio's Media Streams WebSocket, opened by the TwiML the voice webhooks
/// answer. The `start` message's parameters (the key and the agent, or the workspace webhook's
/// signed ticket) admit the call; then the caller's µ-law audio feeds the call and the agent's speech goes back as
/// `media`, `mark` and, on barge-in, `clear`.
struct TwilioStreamController: Sendable {
    let admission: VoiceCallAdmission
    let runner: VoiceCallRunner

    /// A Media Streams message is 20 ms of audio in base64 and some JSON: far below this.
    static let maxMessageBytes = 64 * 1024
    /// Twilio sends `start` as soon as the socket is open; a socket still silent after this is
    /// closed rather than held.
    static let startTimeout = Duration.seconds(5)

    func addRoutes(to router: Router<BasicWebSocketRequestContext>) {
        router.ws("ws/twilio/stream") { inbound, outbound, context in
            await handle(inbound, outbound, logger: context.logger)
        }
    }

    private func handle(_ inbound: WebSocketInboundStream, _ outbound: WebSocketOutboundWriter, logger: Logger) async {
        var events = inbound.messages(maxSize: Self.maxMessageBytes).map(TwilioStreamEvent.init(message:)).makeAsyncIterator()
        do {
            let start = try await withThrowingDiscardingTaskGroup { group in
                group.addTask {
                    guard (try? await Task.sleep(for: Self.startTimeout)) != nil else { return }
                    // Ends the socket's input, and so the wait below.
                    try? await outbound.close(.policyViolation, reason: "No start message")
                }
                defer { group.cancelAll() }
                return try await Self.awaitStart(&events)
            }
            guard let start else {
                logger.info("Twilio stream ended before its start message")
                return
            }
            var logger = logger
            logger[metadataKey: "twilio_call_sid"] = "\(start.callSid ?? "-")"
            guard start.isMuLaw8k else {
                logger.warning("Twilio stream refused: not µ-law 8 kHz", metadata: ["encoding": "\(start.encoding ?? "-")"])
                try? await outbound.close(.unacceptableData, reason: "Parley takes audio/x-mulaw at 8000 Hz")
                return
            }
            let parameters = start.customParameters
            let (organizationID, agent) = try await admit(parameters)
            let output = TwilioStreamOutput(outbound: outbound, streamSid: start.streamSid, logger: logger)
            let reader = TwilioStreamInput()
            let input = try HandedOverSequence(events)
                .prefix { $0 != .stop }
                .compactMap { reader.input(from: $0) }
            let line = PhoneLine(callID: start.callSid ?? parameters["call_sid"], from: parameters["from"], to: parameters["to"])
            try await withThrowingDiscardingTaskGroup { group in
                group.addTask { [logger] in
                    // A socket that fails ends the call through its input; the speech left is lost.
                    do { try await output.play() } catch { logger.debug("Twilio stream output ended", metadata: ["error": "\(error)"]) }
                }
                let ending = try await runner.run(
                    agent, organizationID: organizationID, historyKey: nil, transport: .twilio, line: line,
                    output: output, input: input, logger: logger
                ) { _ in }
                // Last words to a caller still there (a goodbye) play out before the socket closes.
                if ending == .callerLeft { group.cancelAll() } else { output.finish() }
            }
        } catch let refused as VoiceSocketClose {
            logger.info("Twilio stream refused", metadata: ["code": "\(refused.code)", "reason": "\(refused.reason)"])
            try? await outbound.close(refused.errorCode, reason: refused.reason)
            return
        } catch {
            logger.error("Twilio stream failed", metadata: ["error": "\(error)"])
        }
        try? await outbound.close(.normalClosure, reason: nil)
    }

    /// The stream's parameters admit it by the ticket the workspace webhook signed, or else by the
    /// API key the seed 002 webhook passed on.
    private func admit(_ parameters: [String: String]) async throws -> (organizationID: UUID, agent: Agent) {
        if let ticket = TwilioStreamTicket(parameters: parameters) {
            return (ticket.organizationID, try await admission.admit(ticket: ticket, signature: parameters["ticket"]))
        }
        let agentID = try parameters["agent_id"].map { raw in
            guard let id = UUID(uuidString: raw) else { throw VoiceSocketClose.agentNotFound() }
            return id
        }
        let (caller, agent) = try await admission.admit(apiKey: parameters["api_key"], agentID: agentID)
        return (caller.organizationID, agent)
    }

    /// Reads up to the `start` message; `nil` when the socket ends (or stops) before it.
    private static func awaitStart<Events: AsyncIteratorProtocol>(_ events: inout Events) async throws -> TwilioStreamStart?
    where Events.Element == TwilioStreamEvent {
        while let event = try await events.next() {
            switch event {
            case .start(let start): return start
            case .stop: return nil
            default: continue
            }
        }
        return nil
    }
}

extension TwilioStreamEvent {
    /// Media Streams messages are JSON text frames; a binary frame is nothing Twilio sends.
    init(message: WebSocketMessage) {
        switch message {
        case .text(let text): self.init(text: text)
        case .binary: self = .unreadable("binary frame")
        }
    }
}

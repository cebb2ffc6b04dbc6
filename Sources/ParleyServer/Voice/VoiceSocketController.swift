import Audio
import Conversation
import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import ParleyCore

/// `GET /ws/voice` (seed 002): a browser or app talks with an agent over one WebSocket.
///
/// The upgrade is always accepted, then checked, so that a refused client learns why from seed
/// 002's close codes (a browser never sees the status of a refused upgrade): the key (4001), the
/// rate limit (4029), the agent (4005), the credits (4002), the agent's model (4003), the engines
/// (4004).
struct VoiceSocketController: Sendable {
    let admission: VoiceCallAdmission
    let runner: VoiceCallRunner
    /// Encodes every call's sentences (24 kHz), shared so that its LAME handles are too.
    let mp3: MP3Encoder

    /// How long after the upgrade a refused connection is closed.
    static let refusalGrace = Duration.milliseconds(100)

    func addRoutes(to router: Router<BasicWebSocketRequestContext>) {
        router.ws("ws/voice", shouldUpgrade: { request, _ in
            .upgrade(VoiceSocketSubprotocol.responseHeaders(for: request.headers))
        }) { inbound, outbound, context in
            await handle(inbound, outbound, request: context.request, logger: context.logger)
        }
    }

    private func handle(_ inbound: WebSocketInboundStream, _ outbound: WebSocketOutboundWriter, request: Request, logger: Logger) async {
        let close: VoiceSocketClose
        do {
            close = try await converse(inbound, outbound, request: request, logger: logger)
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
    private func converse(_ inbound: WebSocketInboundStream, _ outbound: WebSocketOutboundWriter, request: Request, logger: Logger) async throws -> VoiceSocketClose {
        var query = try VoiceSocketQuery(request.uri.queryParameters)
        query.apiKey = query.apiKey ?? VoiceSocketSubprotocol.apiKey(in: request.headers)
        let (caller, agent) = try await admission.admit(apiKey: query.apiKey, agentID: query.agentID)
        let output = VoiceSocketOutput(outbound: outbound, format: query.audioFormat, mp3: mp3)
        let input = inbound.messages(maxSize: VoiceSocketInput.maxMessageBytes).map { VoiceSocketInput.input(from: $0) }
        let ending = try await runner.run(
            agent, organizationID: caller.organizationID, historyKey: query.sessionID, transport: .websocket,
            output: output, input: input, logger: logger
        ) { started in
            try? await output.sendText(VoiceSocketMessage.connected(agent: agent, historyKey: started.historyKey, callID: started.call.id))
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
}

import Foundation
import Logging
import ParleyCore
import Telephony

extension VoiceCallRunner {
    /// Runs `agent`'s conversation over a SIP call until either side ends it; once the call record
    /// exists (the engines are loaded) the line is ready (an inbound call is answered) and
    /// `connected` is told. An engine failure ends the call (480 if it was not answered yet).
    func run(
        over line: SIPCallLine, with agent: Agent, organizationID: UUID, logger: Logger,
        connected: @Sendable (Started) async -> Void = { _ in }
    ) async {
        do {
            _ = try await run(
                agent, organizationID: organizationID, historyKey: nil, transport: .sip,
                line: PhoneLine(callID: line.callID, from: line.from, to: line.to),
                output: line.output, input: line.input, logger: logger
            ) { started in
                line.ready()
                await connected(started)
            }
        } catch {
            logger.error("SIP call failed", metadata: ["error": "\(error)"])
        }
    }
}

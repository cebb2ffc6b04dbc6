import Foundation
import Logging
import ParleyCore
import Telephony

extension VoiceCallRunner {
    /// Runs `agent`'s conversation over a SIP call until either side ends it; `connected` is told
    /// the call record once it exists. An engine failure ends the call (the caller hears it hang up).
    func run(
        over line: SIPCallLine, with agent: Agent, organizationID: UUID, logger: Logger,
        connected: @Sendable (Started) async -> Void = { _ in }
    ) async {
        do {
            _ = try await run(
                agent, organizationID: organizationID, historyKey: nil, transport: .sip,
                line: PhoneLine(callID: line.callID, from: line.from, to: line.to),
                output: line.output, input: line.input, logger: logger, connected: connected
            )
        } catch {
            logger.error("SIP call failed", metadata: ["error": "\(error)"])
        }
    }
}

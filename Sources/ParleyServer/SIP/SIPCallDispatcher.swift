import Foundation
import Logging
import ParleyCore
import Telephony

/// Decides on each INVITE the SIP user agent receives: the trunks that allow its source address,
/// their organisations' dispatch rules for the number called, then the agent (or its fallback)
/// admitted like any voice call. Refusals are SIP answers: 403 from an address no trunk allows,
/// 404 when no rule takes the number, 480 when the agent cannot take calls, 402 without credits,
/// 503 over the organisation's rate of calls.
struct SIPCallDispatcher: SIPCallHandler {
    let store: any Store
    let admission: VoiceCallAdmission
    let runner: VoiceCallRunner
    let logger: Logger

    func admit(_ call: InboundSIPCall) async -> SIPAdmission {
        var logger = logger
        logger[metadataKey: "sip_call_id"] = "\(call.callID)"
        do {
            let trunks = try await store.sipTrunks(allowing: call.source.host)
            guard !trunks.isEmpty else {
                logger.notice("SIP call refused: no trunk allows its address", metadata: ["source": "\(call.source)"])
                return .refuse(status: 403)
            }
            for trunk in trunks {
                let rules = try await store.sipDispatchRules(organizationID: trunk.organizationID)
                guard let rule = SIPDispatchRule.route(calledNumber: call.to ?? "", trunkID: trunk.id, rules: rules) else { continue }
                let agent = try await agent(for: rule)
                logger[metadataKey: "sip_trunk_id"] = "\(trunk.id.lowercasedString)"
                return .accept { [logger] line in
                    await runner.run(over: line, with: agent, organizationID: trunk.organizationID, logger: logger)
                }
            }
            logger.notice("SIP call refused: no dispatch rule takes the number", metadata: ["to": "\(call.to ?? "-")"])
            return .refuse(status: 404)
        } catch let refused as VoiceSocketClose {
            logger.notice("SIP call refused", metadata: ["code": "\(refused.code)", "reason": "\(refused.reason)"])
            return .refuse(status: Self.status(for: refused))
        } catch {
            logger.error("SIP call could not be dispatched", metadata: ["error": "\(error)"])
            return .refuse(status: 500)
        }
    }

    /// The rule's agent, or its fallback when the agent cannot take the call.
    private func agent(for rule: SIPDispatchRule) async throws -> Agent {
        do {
            return try await admission.admit(trunkCallTo: rule.agentID, organizationID: rule.organizationID)
        } catch let refused as VoiceSocketClose where refused.code == VoiceSocketClose.agentNotFound().code {
            guard let fallback = rule.fallbackAgentID else { throw refused }
            return try await admission.admit(trunkCallTo: fallback, organizationID: rule.organizationID)
        }
    }

    private static func status(for refusal: VoiceSocketClose) -> Int {
        switch refusal.code {
        case VoiceSocketClose.insufficientCredits.code: 402
        case VoiceSocketClose.rateLimited.code: 503
        default: 480
        }
    }
}

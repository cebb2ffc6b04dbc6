import Foundation
import ParleyCore

/// A call placed through `POST /sip/call`, as this node follows it.
struct PlacedCall: Sendable, Equatable {
    enum Status: String, Sendable {
        /// The INVITE is out; the callee has not answered.
        case dialing
        /// Answered: the agent is talking.
        case answered
        /// Over after being answered.
        case completed
        /// Never answered: refused, busy, unreachable, or hung up before the answer.
        case failed
    }

    let id: UUID
    let organizationID: UUID
    let agentID: UUID
    let trunkID: UUID
    let toNumber: String
    let fromNumber: String
    /// The SIP `Call-ID`.
    let sipCallID: String
    var status = Status.dialing
    /// The SIP status that refused the call, when one did.
    var failureStatus: Int?
    /// The call record (transcript, turns) once the call was answered.
    var recordID: UUID?
    let createdAt = Date()
    var endedAt: Date?
}

/// Why a SIP call ended.
public enum SIPCallEnd: Sendable, Equatable {
    /// The other side sent BYE.
    case remoteHangUp
    /// Parley hung up (sent BYE, or refused or cancelled the call).
    case localHangUp
    /// The caller gave up before Parley answered (CANCEL).
    case cancelled
    /// Parley's answer was never acknowledged.
    case unacknowledged
    /// A call Parley placed was refused (the final status), or never answered (408).
    case failed(status: Int)
}

/// What the user agent asks of Parley for each inbound call: admit it, and hold its conversation.
public protocol SIPCallHandler: Sendable {
    /// Whether `call` may go on; refused with a SIP status (403, 404, 480, 503…) or accepted with
    /// the conversation to run over it once answered.
    func admit(_ call: InboundSIPCall) async -> SIPAdmission
}

/// A decision on an inbound call.
public enum SIPAdmission: Sendable {
    case refuse(status: Int)
    /// Runs the call's conversation; returning ends the call (Parley hangs up if the caller has not).
    case accept(@Sendable (SIPCallLine) async -> Void)
}

/// What the user agent's loop reacts to, one at a time.
enum SIPUserAgentEvent: Sendable {
    case datagram([UInt8], from: SIPPeer)
    case tick
    /// An inbound call's admission refused it, or no RTP port could be had.
    case refused(callID: String, status: Int)
    /// A call's RTP socket is open: answer it (inbound, with its offer) or dial it (outbound).
    case ready(callID: String, SIPCallMedia, offer: NegotiatedAudio?)
    /// A call's task is over.
    case finished(callID: String)
    case dial(SIPDialRequest)
    /// Parley hangs up a call (or stops dialling it).
    case hangUp(callID: String)
    case shutdown
}

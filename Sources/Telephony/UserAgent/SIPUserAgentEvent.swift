/// What the user agent's loop reacts to, one at a time.
enum SIPUserAgentEvent: Sendable {
    case datagram([UInt8], from: SIPPeer)
    case tick
    /// An inbound call's admission refused it, or no RTP port could be had.
    case refused(callID: String, status: Int)
    /// An admitted inbound call's conversation is getting ready: the caller hears it ring.
    case ringing(callID: String)
    /// A call is ready: answer it (inbound, with its offer, once its conversation is ready) or dial
    /// it (outbound, once its RTP socket is open).
    case ready(callID: String, SIPCallMedia, offer: NegotiatedAudio?)
    /// A call's task is over.
    case finished(callID: String)
    case dial(SIPDialRequest)
    /// Parley hangs up a call (or stops dialling it).
    case hangUp(callID: String)
    case shutdown
}

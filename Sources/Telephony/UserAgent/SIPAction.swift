/// What ``SIPSignaling`` asks its owner to do: send datagrams, and start, change or stop calls.
public enum SIPAction: Sendable, Equatable {
    /// Send `bytes` to `peer`.
    case send([UInt8], to: SIPPeer)
    /// A new inbound call to decide on: ``SIPSignaling/accept(callID:answer:now:)`` or ``SIPSignaling/reject(callID:status:now:)``.
    case admit(InboundSIPCall)
    /// A call Parley placed was answered; its media goes to this stream.
    case answered(callID: String, NegotiatedAudio)
    /// The other side moved its media (a re-INVITE).
    case mediaChanged(callID: String, NegotiatedAudio)
    /// The caller pressed `key` (SIP INFO `application/dtmf-relay`).
    case pressed(callID: String, key: String)
    /// The call is over for `reason`; its media and conversation stop.
    case ended(callID: String, SIPCallEnd)
}

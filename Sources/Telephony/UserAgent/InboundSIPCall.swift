/// An INVITE that reached Parley, for its owner to admit: who called which number from where,
/// and the audio the caller offered.
public struct InboundSIPCall: Sendable, Equatable {
    public var callID: String
    /// The caller's user part (`From`), usually their number.
    public var from: String?
    /// The number dialled: the Request-URI's user part, or `To`'s.
    public var to: String?
    /// The address the INVITE came from: the trunk.
    public var source: SIPPeer
    public var offer: NegotiatedAudio

    public init(callID: String, from: String?, to: String?, source: SIPPeer, offer: NegotiatedAudio) {
        self.callID = callID
        self.from = from
        self.to = to
        self.source = source
        self.offer = offer
    }
}

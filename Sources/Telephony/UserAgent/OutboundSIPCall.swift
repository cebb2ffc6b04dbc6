/// A call Parley places through a trunk.
public struct OutboundSIPCall: Sendable, Equatable {
    public var callID: String
    /// The number Parley calls from (the trunk's outbound number).
    public var from: String
    /// The number called.
    public var to: String
    /// Where the INVITE goes.
    public var trunk: SIPPeer
    /// The trunk's domain for the URIs (its host name, or its address).
    public var domain: String
    public var credentials: SIPCredentials?
    /// Parley's offer, with the RTP port it listens on.
    public var offer: SessionDescription

    public init(callID: String, from: String, to: String, trunk: SIPPeer, domain: String, credentials: SIPCredentials?, offer: SessionDescription) {
        self.callID = callID
        self.from = from
        self.to = to
        self.trunk = trunk
        self.domain = domain
        self.credentials = credentials
        self.offer = offer
    }
}

/// A call Parley is to place through a trunk, and what to do with it.
public struct SIPDialRequest: Sendable {
    public var callID: String
    public var from: String
    public var to: String
    public var trunk: SIPPeer
    public var domain: String
    public var credentials: SIPCredentials?
    /// Runs once the call is answered; returning hangs up.
    public var conversation: @Sendable (SIPCallLine) async -> Void
    /// Told how the call ended (answered calls too, when they are over).
    public var ended: @Sendable (SIPCallEnd) -> Void

    public init(
        callID: String, from: String, to: String, trunk: SIPPeer, domain: String, credentials: SIPCredentials?,
        conversation: @escaping @Sendable (SIPCallLine) async -> Void, ended: @escaping @Sendable (SIPCallEnd) -> Void
    ) {
        self.callID = callID
        self.from = from
        self.to = to
        self.trunk = trunk
        self.domain = domain
        self.credentials = credentials
        self.conversation = conversation
        self.ended = ended
    }
}

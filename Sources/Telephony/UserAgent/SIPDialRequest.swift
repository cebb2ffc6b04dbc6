/// A call Parley is to place through a trunk, and what to do with it.
public struct SIPDialRequest: Sendable {
    public var callID: String
    public var from: String
    public var to: String
    public var trunk: SIPPeer
    public var domain: String
    public var credentials: SIPCredentials?
    /// Runs while the callee's phone rings (loading the agent's engines, say); the conversation
    /// starts once it has returned.
    public var prepare: @Sendable () async -> Void
    /// Runs once the call is answered; returning hangs up.
    public var conversation: @Sendable (SIPCallLine) async -> Void
    /// Told how the call ended (answered calls too, when they are over).
    public var ended: @Sendable (SIPCallEnd) -> Void

    public init(
        callID: String, from: String, to: String, trunk: SIPPeer, domain: String, credentials: SIPCredentials?,
        prepare: @escaping @Sendable () async -> Void = {},
        conversation: @escaping @Sendable (SIPCallLine) async -> Void, ended: @escaping @Sendable (SIPCallEnd) -> Void
    ) {
        self.callID = callID
        self.from = from
        self.to = to
        self.trunk = trunk
        self.domain = domain
        self.credentials = credentials
        self.prepare = prepare
        self.conversation = conversation
        self.ended = ended
    }
}

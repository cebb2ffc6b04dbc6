/// One call's signalling state: the dialog (RFC 3261 §12) and the INVITE transaction around it.
struct SIPDialog: Sendable {
    enum Phase: Sendable, Equatable {
        /// An inbound INVITE waits for its owner to admit it.
        case admitting
        /// Parley's final response went out and waits for the ACK.
        case answering
        /// Both sides agree: media flows.
        case confirmed
        /// Parley sent an INVITE that has no final response yet.
        case calling
    }

    let callID: String
    let isInbound: Bool
    var phase: Phase
    /// Parley's side as its `From` (outbound) or `To` (inbound) field, with Parley's tag.
    var localParty: String
    /// The other side's field, with its tag once known.
    var remoteParty: String
    var remoteTarget: SIPURI
    /// `Record-Route` values, in the order in-dialog requests carry them as `Route`.
    var routeSet: [String] = []
    /// Where in-dialog requests go: the address the other side's messages come from.
    var peer: SIPPeer
    var localCSeq: UInt32
    var remoteCSeq: UInt32?
    /// The INVITE that made the dialog (received, or the latest Parley sent).
    var invite: SIPRequest
    /// The last response to a received INVITE, sent again when the INVITE comes again.
    var lastInviteResponse: [UInt8]?
    /// Parley's final response to an INVITE, repeated until the ACK (or, sent by Parley, the INVITE).
    var retransmission: SIPRetransmission?
    /// Parley's latest session description.
    var localDescription: SessionDescription?
    /// Parley's final response refused the call: the ACK ends the dialog.
    var rejected = false
    /// Parley hung up before the caller acknowledged its answer: BYE goes once the ACK comes.
    var hangUpOnAcknowledgement = false
    /// A call Parley places gives up when not answered by then.
    var answerDeadline: ContinuousClock.Instant?
    var credentials: SIPCredentials?
    var authenticated = false
    /// The ACK of a 2xx, sent again when the 2xx comes again.
    var acknowledgement: [UInt8]?

    init(callID: String, isInbound: Bool, phase: Phase, localParty: String, remoteParty: String, remoteTarget: SIPURI, peer: SIPPeer, localCSeq: UInt32, invite: SIPRequest) {
        self.callID = callID
        self.isInbound = isInbound
        self.phase = phase
        self.localParty = localParty
        self.remoteParty = remoteParty
        self.remoteTarget = remoteTarget
        self.peer = peer
        self.localCSeq = localCSeq
        self.invite = invite
    }
}

/// RFC 3261's retransmission over UDP: again after T1, doubling up to T2, until `deadline` (64·T1).
struct SIPRetransmission: Sendable {
    static let t1 = Duration.milliseconds(500)
    static let t2 = Duration.seconds(4)
    static let timeout = t1 * 64

    let bytes: [UInt8]
    let peer: SIPPeer
    private(set) var next: ContinuousClock.Instant
    private(set) var interval: Duration
    let deadline: ContinuousClock.Instant
    /// Responses double up to T2; an INVITE's retransmissions keep doubling (Timer A).
    private let capped: Bool

    init(_ bytes: [UInt8], to peer: SIPPeer, now: ContinuousClock.Instant, capped: Bool = true, timeout: Duration = Self.timeout) {
        self.bytes = bytes
        self.peer = peer
        self.next = now + Self.t1
        self.interval = Self.t1
        self.deadline = now + timeout
        self.capped = capped
    }

    /// The datagram to send again, if one is due at `now`.
    mutating func due(at now: ContinuousClock.Instant) -> SIPAction? {
        guard now >= next, now < deadline else { return nil }
        interval = capped ? min(interval * 2, Self.t2) : interval * 2
        next = now + interval
        return .send(bytes, to: peer)
    }

    func expired(at now: ContinuousClock.Instant) -> Bool { now >= deadline }
}

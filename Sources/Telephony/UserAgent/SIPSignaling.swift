/// Parley's SIP user agent as a pure state machine (no I/O, no clock of its own): it reads the
/// messages that arrive, the decisions of its owner and the passing of time, and answers with
/// the datagrams to send and the calls to start, change or end (``SIPAction``). RFC 3261's
/// transactions over UDP, the dialogs of calls both ways, CANCEL, re-INVITE, OPTIONS, INFO key
/// presses and digest authentication towards trunks.
public struct SIPSignaling: Sendable {
    /// How Parley names itself in `User-Agent` and `Server`.
    static let userAgent = "Parley"

    /// Parley's own address, for `Via` and `Contact`.
    public let local: SIPPeer
    /// Calls held at once; an INVITE beyond them is answered 503.
    public let maxCalls: Int

    var dialogs: [String: SIPDialog] = [:]
    /// Requests Parley sent outside an INVITE (BYE, CANCEL), by branch, until answered.
    var requests: [String: SIPRetransmission] = [:]
    /// Final responses to requests other than INVITE, by branch and method, for their retransmissions.
    var answered: [String: AnsweredRequest] = [:]

    struct AnsweredRequest: Sendable {
        var bytes: [UInt8]
        var expires: ContinuousClock.Instant
    }

    /// A server transaction forgets its response after 64·T1 (Timer J); this many are remembered at most.
    static let maxAnswered = 10_000

    public init(local: SIPPeer, maxCalls: Int) {
        self.local = local
        self.maxCalls = maxCalls
    }

    /// The calls Parley holds, in any phase.
    public var callCount: Int { dialogs.count }

    /// Reads a datagram from `source`. What is not SIP is dropped, or answered 400 when it says
    /// enough of itself to be answered.
    public mutating func receive(_ bytes: [UInt8], from source: SIPPeer, now: ContinuousClock.Instant) -> [SIPAction] {
        let message: SIPMessage
        do {
            message = try SIPMessage(parsing: bytes)
        } catch {
            return []
        }
        switch message {
        case .request(let request):
            return receive(request, from: source, now: now)
        case .response(let response):
            return receive(response, from: source, now: now)
        }
    }

    private mutating func receive(_ request: SIPRequest, from source: SIPPeer, now: ContinuousClock.Instant) -> [SIPAction] {
        guard let via = request.headers["Via"].flatMap(SIPVia.init), let branch = via.branch,
            request.headers["Call-ID"] != nil, request.headers["From"].flatMap(SIPNameAddress.init) != nil,
            request.headers["To"].flatMap(SIPNameAddress.init) != nil,
            let cseq = request.headers["CSeq"].flatMap(SIPCSeq.init), cseq.method == request.method
        else {
            // Without these a response cannot find its way back, or means nothing; ACKs are never answered.
            guard request.method != .ack, request.headers["Via"] != nil else { return [] }
            return [.send(request.response(400, from: source, reason: "Missing or Malformed Header").bytes, to: source)]
        }
        if request.method != .invite, request.method != .ack, let previous = answered[branch + " " + request.method.rawValue] {
            return [.send(previous.bytes, to: source)]
        }
        if let hops = request.headers["Max-Forwards"].flatMap(Int.init), hops <= 0, request.method != .ack {
            return answer(request, 483, from: source, now: now)
        }
        switch request.method {
        case .invite: return receiveInvite(request, cseq: cseq, from: source, now: now)
        case .ack: return receiveAck(request, from: source, now: now)
        case .cancel: return receiveCancel(request, from: source, now: now)
        case .bye: return receiveBye(request, from: source, now: now)
        case .options: return answer(request, 200, from: source, now: now, extra: Self.capabilities)
        case .info: return receiveInfo(request, from: source, now: now)
        case .register: return answer(request, 405, from: source, now: now, extra: [("Allow", Self.allow)])
        default: return answer(request, 501, from: source, now: now, extra: [("Allow", Self.allow)])
        }
    }

    static let allow = SIPMethod.allowed.map(\.rawValue).joined(separator: ", ")
    static let capabilities = [("Allow", allow), ("Accept", "application/sdp"), ("Supported", "")]

    /// Answers a request outside an INVITE transaction, remembering the answer for its retransmissions.
    mutating func answer(
        _ request: SIPRequest, _ status: Int, from source: SIPPeer, now: ContinuousClock.Instant,
        toTag: String? = nil, extra: [(String, String)] = [], reason: String? = nil
    ) -> [SIPAction] {
        var response = request.response(status, toTag: toTag ?? (status > 100 ? Self.newTag() : nil), from: source, reason: reason)
        for (name, value) in extra where !value.isEmpty { response.headers.add(name, value) }
        let bytes = response.bytes
        if let branch = request.headers["Via"].flatMap(SIPVia.init)?.branch, answered.count < Self.maxAnswered {
            answered[branch + " " + request.method.rawValue] = AnsweredRequest(bytes: bytes, expires: now + SIPRetransmission.timeout)
        }
        return [.send(bytes, to: source)]
    }

    /// A fresh tag, branch or Call-ID part: 64 random bits in hex.
    static func newTag() -> String {
        String(UInt64.random(in: 0...UInt64.max), radix: 16)
    }

    static func newBranch() -> String {
        SIPVia.magicCookie + newTag()
    }

    /// Parley's `Via` for a request it sends.
    func via(branch: String) -> String {
        "SIP/2.0/UDP \(local);branch=\(branch);rport"
    }

    /// Parley's `Contact`.
    var contact: String {
        "<sip:parley@\(local)>"
    }
}

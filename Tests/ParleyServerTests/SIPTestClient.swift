import Foundation
import Metrics
import NIOCore
import NIOPosix
import Prometheus
import Synchronization
import Telephony

/// A bare SIP peer on a UDP socket: sends whatever bytes a test makes, well formed or not, and
/// keeps every datagram that comes back, for tests that talk to Parley's user agent directly.
final class SIPTestClient: Sendable {
    typealias Channel = NIOAsyncChannel<AddressedEnvelope<ByteBuffer>, AddressedEnvelope<ByteBuffer>>

    /// Where the client is bound.
    let local: SIPPeer
    let server: SocketAddress
    private let outbound: NIOAsyncChannelOutboundWriter<AddressedEnvelope<ByteBuffer>>
    /// Each datagram received, and the response it is (if it is one).
    private let received = Mutex<[(bytes: [UInt8], response: SIPResponse?)]>([])

    private init(local: SIPPeer, server: SocketAddress, outbound: NIOAsyncChannelOutboundWriter<AddressedEnvelope<ByteBuffer>>) {
        self.local = local
        self.server = server
        self.outbound = outbound
    }

    /// A client on `host` (any port) talking to Parley at 127.0.0.1:`serverPort` while `body` runs.
    static func with<Result: Sendable>(
        host: String = "127.0.0.1", serverPort: Int, _ body: (SIPTestClient) async throws -> Result
    ) async throws -> Result {
        let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: host, port: 0)
            .flatMapThrowing { try Channel(wrappingChannelSynchronously: $0) }
            .get()
        let server = try SocketAddress(ipAddress: "127.0.0.1", port: serverPort)
        return try await channel.executeThenClose { inbound, outbound in
            let client = SIPTestClient(local: SIPPeer(host: host, port: channel.channel.localAddress?.port ?? 0), server: server, outbound: outbound)
            return try await withThrowingTaskGroup { group in
                group.addTask {
                    for try await envelope in inbound {
                        let bytes = Array(envelope.data.readableBytesView)
                        let response: SIPResponse? = if case .response(let parsed) = try? SIPMessage(parsing: bytes) { parsed } else { nil }
                        client.received.withLock { $0.append((bytes, response)) }
                    }
                }
                defer { group.cancelAll() }
                return try await body(client)
            }
        }
    }

    /// A UDP port nothing on loopback holds right now, for a server to bind.
    static func freePort() async throws -> Int {
        let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let port = channel.localAddress?.port ?? 0
        try await channel.close()
        return port
    }

    func send(_ bytes: [UInt8]) async throws {
        try await outbound.write(AddressedEnvelope(remoteAddress: server, data: ByteBuffer(bytes: bytes)))
    }

    func send(_ request: SIPRequest) async throws {
        try await send(request.bytes)
    }

    /// Sends `bytes` to another of Parley's ports on 127.0.0.1 (a call's RTP).
    func send(_ bytes: [UInt8], toPort port: Int) async throws {
        try await outbound.write(AddressedEnvelope(remoteAddress: try SocketAddress(ipAddress: "127.0.0.1", port: port), data: ByteBuffer(bytes: bytes)))
    }

    /// How many datagrams have come.
    var datagramCount: Int { received.withLock { $0.count } }

    /// The responses received so far, in order; from the `start`th datagram on.
    func responses(from start: Int = 0) -> [SIPResponse] {
        received.withLock { $0.dropFirst(start).compactMap(\.response) }
    }

    /// The responses that came since datagram `index`, moving `index` past them.
    func responses(since index: inout Int) -> [SIPResponse] {
        let start = index
        let (responses, count) = received.withLock { ($0.dropFirst(start).compactMap(\.response), $0.count) }
        index = count
        return responses
    }

    /// The first response (received so far, or within `timeout`) that `matches`. The default is
    /// generous: in the whole suite the server shares two cores with the engines and a browser,
    /// and a 5 s wait once ran out there.
    func response(within timeout: Duration = .seconds(15), where matches: (SIPResponse) -> Bool) async throws -> SIPResponse? {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let response = responses().first(where: matches) { return response }
            guard ContinuousClock.now < deadline else { return nil }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// The final response to the request of `callID` and `method`, if it comes within `timeout`.
    func finalResponse(callID: String, method: SIPMethod, within timeout: Duration = .seconds(15)) async throws -> SIPResponse? {
        try await response(within: timeout) { $0.status >= 200 && $0.answers(callID: callID, method: method) }
    }

    /// Waits until Parley's user agent answers OPTIONS (it starts with the server).
    func waitUntilListening(timeout: Duration = .seconds(10)) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        var attempt = 0
        while ContinuousClock.now < deadline {
            attempt += 1
            let callID = "ready-\(attempt)-\(UUID().uuidString)"
            try await send(request(.options, callID: callID, uri: SIPURI(host: "127.0.0.1")))
            if try await finalResponse(callID: callID, method: .options, within: .milliseconds(200)) != nil { return true }
        }
        return false
    }

    /// A request from this client with fresh branch and tags: `Via` (asking for `rport`), `From`,
    /// `To`, `Call-ID`, `CSeq`, `Max-Forwards`, `Contact`, and `contentType` when there is a body.
    func request(
        _ method: SIPMethod, callID: String, uri: SIPURI, cseq: UInt32 = 1, toTag: String? = nil,
        body: [UInt8] = [], contentType: String? = nil, branch: String = SIPTestClient.newBranch()
    ) -> SIPRequest {
        var headers = SIPHeaders()
        headers.add("Via", "SIP/2.0/UDP \(local);branch=\(branch);rport")
        headers.add("Max-Forwards", "70")
        headers.add("From", "<sip:+15550001111@\(local.host)>;tag=\(UUID().uuidString.prefix(8).lowercased())")
        headers.add("To", "<\(uri)>" + (toTag.map { ";tag=\($0)" } ?? ""))
        headers.add("Call-ID", callID)
        headers.add("CSeq", "\(cseq) \(method)")
        headers.add("Contact", "<sip:caller@\(local)>")
        if let contentType { headers.add("Content-Type", contentType) }
        return SIPRequest(method: method, uri: uri, headers: headers, body: body)
    }

    /// An INVITE to `number` at Parley offering PCMU (or `body` as given).
    func invite(callID: String, to number: String, body: [UInt8]? = nil, contentType: String = "application/sdp") -> SIPRequest {
        request(
            .invite, callID: callID, uri: SIPURI(user: number, host: "127.0.0.1"),
            body: body ?? Array(Self.offer(host: local.host).utf8), contentType: contentType
        )
    }

    /// The ACK of a final refusal of `invite` (RFC 3261 §17.1.1.3): the INVITE's Request-URI,
    /// `Via`, `From` and `Call-ID`, the refusal's `To` (with Parley's tag).
    func acknowledgement(of invite: SIPRequest, refusedWith response: SIPResponse) -> SIPRequest {
        var headers = SIPHeaders()
        for name in ["Via", "Max-Forwards", "From"] {
            if let value = invite.headers[name] { headers.add(name, value) }
        }
        if let to = response.headers["To"] { headers.add("To", to) }
        if let callID = invite.headers["Call-ID"] { headers.add("Call-ID", callID) }
        let number = invite.headers["CSeq"].flatMap(SIPCSeq.init)?.number ?? 1
        headers.add("CSeq", "\(number) ACK")
        return SIPRequest(method: .ack, uri: invite.uri, headers: headers)
    }

    static func newBranch() -> String {
        SIPVia.magicCookie + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
    }

    /// An SDP offer of PCMU and telephone events from `host`.
    static func offer(host: String, port: Int = 40_000) -> String {
        [
            "v=0", "o=caller 1 1 IN IP4 \(host)", "s=-", "c=IN IP4 \(host)", "t=0 0",
            "m=audio \(port) RTP/AVP 0 101", "a=rtpmap:0 PCMU/8000", "a=rtpmap:101 telephone-event/8000", "a=sendrecv",
        ].joined(separator: "\r\n") + "\r\n"
    }
}

extension SIPResponse {
    /// Whether this answers the request of `callID` and `method`.
    func answers(callID: String, method: SIPMethod) -> Bool {
        headers["Call-ID"] == callID && headers["CSeq"].flatMap(SIPCSeq.init)?.method == method
    }
}

/// swift-metrics for the whole test process, into one Prometheus registry: the user agent's gauges
/// are made through the global ``MetricsSystem``, which a process may bootstrap only once.
/// Touch ``registry`` before starting a server whose metrics a test reads, and serve it at
/// `/metrics` by building the application with it.
enum ProcessMetrics {
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    /// The value of the unlabelled metric `name` in Prometheus text, if it is there.
    static func value(of name: String, in text: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(name + " ") {
            return Double(line.dropFirst(name.count + 1).split(separator: " ").first ?? "")
        }
        return nil
    }
}

/// Where Parley's SIP user agent listens and what it tells the other side.
public struct SIPUserAgentConfiguration: Sendable {
    /// The address the SIP and RTP sockets bind to.
    public var bindHost: String
    /// The SIP port (UDP).
    public var port: Int
    /// The address written in `Via`, `Contact` and SDP: where trunks reach Parley.
    public var publicHost: String
    /// The ports calls take their RTP on.
    public var rtpPorts: ClosedRange<Int>
    /// Calls held at once.
    public var maxCalls: Int
    /// Whether the RTP thread asks for real-time priority (``MediaEventLoop``).
    public var realtimeMedia: Bool

    public init(
        bindHost: String = "0.0.0.0", port: Int = 5060, publicHost: String = "127.0.0.1", rtpPorts: ClosedRange<Int> = 10_000...20_000,
        maxCalls: Int = 1_000, realtimeMedia: Bool = true
    ) {
        self.bindHost = bindHost
        self.port = port
        self.publicHost = publicHost
        self.rtpPorts = rtpPorts
        self.maxCalls = maxCalls
        self.realtimeMedia = realtimeMedia
    }
}

import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization

/// Parley's SIP user agent: one UDP socket for signalling, read by one loop that owns the
/// ``SIPSignaling`` state machine, and a task per call that opens the call's RTP socket and runs
/// its conversation. On graceful shutdown it refuses new calls and waits for the calls it holds
/// to end (each hangs up as its conversation ends).
public final class SIPUserAgent: Service, Sendable {
    public let configuration: SIPUserAgentConfiguration
    let handler: any SIPCallHandler
    let logger: Logger
    let eventLoopGroup: any EventLoopGroup
    /// The calls' RTP sockets (``MediaEventLoop``); shut down when ``run()`` ends.
    let mediaLoop: MultiThreadedEventLoopGroup
    /// What every call's RTP goes out by, on `mediaLoop`.
    let rtpClock: RTPClock
    private let events: AsyncStream<SIPUserAgentEvent>
    let eventInput: AsyncStream<SIPUserAgentEvent>.Continuation
    private let ports: Mutex<RTPPortPool>

    /// Datagrams waiting for the loop beyond this are dropped, as a full socket buffer would.
    static let eventBuffer = 8_192
    static let tickInterval = Duration.milliseconds(50)

    public init(configuration: SIPUserAgentConfiguration, handler: any SIPCallHandler, logger: Logger, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.configuration = configuration
        self.handler = handler
        self.logger = logger
        self.eventLoopGroup = eventLoopGroup
        mediaLoop = MediaEventLoop.make(realtime: configuration.realtimeMedia, logger: logger)
        rtpClock = RTPClock(loop: mediaLoop.next())
        (events, eventInput) = AsyncStream.makeStream(bufferingPolicy: .bufferingOldest(Self.eventBuffer))
        ports = Mutex(RTPPortPool(range: configuration.rtpPorts))
    }

    /// Places a call; how it goes is told to `request.ended`.
    public func dial(_ request: SIPDialRequest) {
        eventInput.yield(.dial(request))
    }

    /// Hangs up the call `callID` (a SIP `Call-ID`), or stops dialling it.
    public func hangUp(callID: String) {
        eventInput.yield(.hangUp(callID: callID))
    }

    public func run() async throws {
        defer { mediaLoop.shutdownGracefully { _ in } }
        let channel = try await DatagramBootstrap(group: eventLoopGroup)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: configuration.bindHost, port: configuration.port)
            .flatMapThrowing { try NIOAsyncChannel<AddressedEnvelope<ByteBuffer>, AddressedEnvelope<ByteBuffer>>(wrappingChannelSynchronously: $0) }
            .get()
        logger.info("SIP user agent listening", metadata: ["address": "\(configuration.bindHost):\(configuration.port)"])
        try await channel.executeThenClose { inbound, outbound in
            try await withGracefulShutdownHandler {
                try await withThrowingDiscardingTaskGroup { group in
                    group.addTask { [eventInput] in
                        for try await envelope in inbound {
                            let source = SIPPeer(host: envelope.remoteAddress.ipAddress ?? "", port: envelope.remoteAddress.port ?? 0)
                            eventInput.yield(.datagram(Array(envelope.data.readableBytesView), from: source))
                        }
                    }
                    group.addTask { [eventInput] in
                        while true {
                            try await Task.sleep(for: Self.tickInterval)
                            eventInput.yield(.tick)
                        }
                    }
                    var loop = SIPUserAgentLoop(agent: self, outbound: outbound)
                    for await event in events {
                        await loop.handle(event, in: &group)
                        if loop.isDone { break }
                    }
                    group.cancelAll()
                }
            } onGracefulShutdown: { [eventInput] in
                eventInput.yield(.shutdown)
            }
        }
    }

    /// Opens a call's RTP socket and runs `conversation` over it with the pacer beside it. An
    /// inbound call rings while its conversation gets ready (its engines load) and is answered
    /// when it is (``SIPCallLine/ready()``); a call Parley places is dialled at once, `prepare`
    /// runs while it rings, and its conversation starts when it is answered and prepared.
    /// Reports `.finished` however it ends.
    func carry(
        callID: String, from: String?, to: String?, offer: NegotiatedAudio?, prepare: @Sendable () async -> Void = {},
        conversation: @Sendable (SIPCallLine) async -> Void
    ) async {
        defer { eventInput.yield(.finished(callID: callID)) }
        guard let (channel, port) = await openMedia() else {
            logger.error("no RTP port could be opened", metadata: ["sip_call_id": "\(callID)"])
            eventInput.yield(.refused(callID: callID, status: 503))
            return
        }
        defer { ports.withLock { $0.give(port) } }
        do {
            try await channel.executeThenClose { inbound, _ in
                let media = SIPCallMedia(port: port, channel: channel.channel)
                let audio: NegotiatedAudio
                let ready: @Sendable () -> Void
                if let offer {
                    // An inbound call rings until its conversation is ready, then is answered.
                    audio = offer
                    eventInput.yield(.ringing(callID: callID))
                    ready = { [eventInput] in eventInput.yield(.ready(callID: callID, media, offer: offer)) }
                } else {
                    eventInput.yield(.ready(callID: callID, media, offer: nil))
                    async let prepared: Void = prepare()
                    let answer = await media.started()
                    await prepared
                    guard let answered = answer else { return }
                    audio = answered
                    ready = {}
                }
                var logger = logger
                logger[metadataKey: "sip_call_id"] = "\(callID)"
                let output = RTPCallOutput(codec: audio.codec, logger: logger)
                let line = SIPCallLine(
                    callID: callID, from: from, to: to,
                    input: RTPCallInput(datagrams: inbound, media: media, audio: audio), output: output, ready: ready
                )
                await withDiscardingTaskGroup { group in
                    group.addTask {
                        if offer != nil, await media.started() == nil { return }
                        await RTPPacer(channel: channel.channel, output: output, remote: media.remote, payloadType: audio.payloadType).run(on: self.rtpClock)
                    }
                    await conversation(line)
                    // Its last words (a goodbye) play out before the BYE; a caller who hung up
                    // closed the socket, which ends the pacer at once.
                    output.finish()
                }
            }
        } catch {
            logger.warning("a call's RTP socket failed", metadata: ["sip_call_id": "\(callID)", "error": "\(error)"])
        }
    }

    /// A bound RTP socket on a port of the pool: a few tries, as something else may hold a port.
    private func openMedia() async -> (NIOAsyncChannel<AddressedEnvelope<ByteBuffer>, AddressedEnvelope<ByteBuffer>>, Int)? {
        for _ in 0..<8 {
            guard let port = ports.withLock({ $0.take() }) else { return nil }
            do {
                let channel = try await DatagramBootstrap(group: mediaLoop)
                    .bind(host: configuration.bindHost, port: port)
                    .flatMapThrowing { try NIOAsyncChannel<AddressedEnvelope<ByteBuffer>, AddressedEnvelope<ByteBuffer>>(wrappingChannelSynchronously: $0) }
                    .get()
                return (channel, port)
            } catch {
                ports.withLock { $0.give(port) }
            }
        }
        return nil
    }
}

import NIOCore
import NIOPosix

/// The load's WebSocket callers (`/ws/voice`, `/ws/twilio/stream`), all on one event-loop thread
/// of their own with a plain channel handler each: every caller's frames are made once
/// (``Wire``) and written on one 20 ms tick for all of them, and the server's frames are read just
/// far enough to time the agent's audio.
///
/// Why not an async WebSocket client: a task per caller over HummingbirdWSClient took the load
/// 0.55 of the two cores at 300 callers, beside the server it measures.
final class SocketCallers: @unchecked Sendable {
    // @unchecked: everything mutable is touched on `loop` only.
    private let wire: Wire
    private let port: Int
    /// The HTTP request every caller opens with, asking to upgrade to `wire.path`.
    private let upgradeRequest: ByteBuffer
    private let cycleFrames: Int
    private let steadyStart: ContinuousClock.Instant
    private let end: ContinuousClock.Instant
    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private let loop: any EventLoop
    private var callers: [SocketCaller] = []
    /// Connections not closed yet, whether every caller has hung up, and whether the results are in.
    private var open = 0
    private var hungUp = false
    private var finished = false
    private let done: EventLoopPromise<[SessionResult]>

    /// How long the callers wait, after hanging up, for the server to close.
    static let closeGrace = TimeAmount.seconds(5)

    init(wire: Wire, port: Int, cycleFrames: Int, steadyStart: ContinuousClock.Instant, end: ContinuousClock.Instant) {
        self.wire = wire
        self.port = port
        upgradeRequest = ByteBuffer(string: """
            GET \(wire.path) HTTP/1.1\r
            Host: 127.0.0.1:\(port)\r
            Upgrade: websocket\r
            Connection: Upgrade\r
            Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r
            Sec-WebSocket-Version: 13\r
            \r

            """)
        self.cycleFrames = cycleFrames
        self.steadyStart = steadyStart
        self.end = end
        loop = group.next()
        done = loop.makePromise()
    }

    /// Runs `starts.count` callers, each connecting at its start, speaking until the end, then
    /// hanging up; answers what each caller saw.
    func run(starts: [ContinuousClock.Instant]) async -> [SessionResult] {
        loop.execute {
            for start in starts {
                let caller = SocketCaller()
                self.callers.append(caller)
                self.loop.scheduleTask(in: TimeAmount(start - .now)) { self.connect(caller) }
            }
            self.tick(due: .now + FrameClock.interval)
        }
        let results = (try? await done.futureResult.get()) ?? []
        try? await group.shutdownGracefully()
        return results
    }

    private func connect(_ caller: SocketCaller) {
        open += 1
        ClientBootstrap(group: loop)
            .channelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { [self] channel in
                let handler = SocketCallerHandler(caller: caller, wire: wire, request: upgradeRequest, steadyStart: steadyStart) {
                    caller.origin = .now
                    for frame in self.wire.opening { caller.channel?.write(frame, promise: nil) }
                    caller.channel?.flush()
                } closed: {
                    self.open -= 1
                    if self.open == 0, self.hungUp { self.finish() }
                }
                return channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(handler) }
            }
            .connect(host: "127.0.0.1", port: port)
            .whenFailure { [self] error in
                caller.result.failure = "connect: \(error)"
                open -= 1
            }
    }

    /// Every caller that speaks sends its frame due at `due`; until the end, then all hang up.
    private func tick(due: ContinuousClock.Instant) {
        guard due <= end else { return hangUp() }
        for caller in callers {
            guard let origin = caller.origin, let channel = caller.channel, !caller.result.hungUp else { continue }
            // Frame 0 is due one frame after the caller began.
            let index = Int((due - origin) / FrameClock.interval) - 1
            guard index >= 0 else { continue }
            let phase = index % cycleFrames
            channel.writeAndFlush(phase < wire.tone.count ? wire.tone[phase] : wire.silence, promise: nil)
            caller.result.sent(phase: phase, due: due, lag: .now - due, toneFrames: wire.tone.count, steadyStart: steadyStart)
        }
        let next = due + FrameClock.interval
        loop.scheduleTask(in: TimeAmount(next - .now)) { self.tick(due: next) }
    }

    private func hangUp() {
        hungUp = true
        for caller in callers {
            caller.result.hungUp = true
            guard let channel = caller.channel else { continue }
            for frame in wire.closing { channel.write(frame, promise: nil) }
            channel.writeAndFlush(ClientFrame.normalClosure, promise: nil)
        }
        if open == 0 { return finish() }
        loop.scheduleTask(in: Self.closeGrace) { self.finish() }
    }

    private func finish() {
        guard !finished else { return }
        finished = true
        for caller in callers { caller.channel?.close(promise: nil) }
        done.succeed(callers.map { $0.result.closed(end: end, steadyStart: steadyStart) })
    }

}

import NIOCore

/// One load caller's connection: asks to upgrade to a WebSocket, then reads the server's frames,
/// noting the agent's audio and errors in the caller's result, answering pings, and closing when
/// the server closes.
final class SocketCallerHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let caller: SocketCaller
    private let wire: Wire
    private let request: ByteBuffer
    private let steadyStart: ContinuousClock.Instant
    private let upgraded: () -> Void
    private let closed: () -> Void
    private var received = ByteBuffer()
    private var isUpgraded = false

    init(
        caller: SocketCaller, wire: Wire, request: ByteBuffer, steadyStart: ContinuousClock.Instant,
        upgraded: @escaping () -> Void, closed: @escaping () -> Void
    ) {
        self.caller = caller
        self.wire = wire
        self.request = request
        self.steadyStart = steadyStart
        self.upgraded = upgraded
        self.closed = closed
    }

    func channelActive(context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(request), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        received.writeBuffer(&bytes)
        if !isUpgraded {
            guard let head = takeResponseHead() else { return }
            guard head.hasPrefix("HTTP/1.1 101") else {
                caller.result.failure = "upgrade refused: \(head.prefix { $0 != "\r" })"
                context.close(promise: nil)
                return
            }
            isUpgraded = true
            caller.channel = context.channel
            upgraded()
        }
        let now = ContinuousClock.now
        while let (opcode, payload) = ClientFrame.next(in: &received) {
            switch opcode {
            case ClientFrame.close:
                if !caller.result.hungUp { caller.result.endedEarly = true }
                context.close(promise: nil)
                return
            case ClientFrame.ping:
                context.writeAndFlush(wrapOutboundOut(ClientFrame.make(ClientFrame.pong, payload.readableBytesView)), promise: nil)
            case ClientFrame.continuation:
                caller.result.audioBytes += payload.readableBytes
            default:
                switch wire.received(opcode: opcode, payload: payload) {
                case .audio(let bytes):
                    caller.result.heard(bytes: bytes, at: now, steadyStart: steadyStart)
                case .error:
                    caller.result.errors += 1
                case .other:
                    break
                }
            }
        }
        received.discardReadBytes()
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !caller.result.hungUp, caller.result.failure == nil { caller.result.endedEarly = true }
        caller.channel = nil
        closed()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if caller.result.failure == nil, !caller.result.hungUp { caller.result.failure = "\(error)" }
        context.close(promise: nil)
    }

    /// The HTTP response's head, once it has all come, taken off `received`.
    private func takeResponseHead() -> String? {
        let view = received.readableBytesView
        guard let end = view.indices.first(where: { index in
            index + 3 < view.endIndex && view[index] == 13 && view[index + 1] == 10 && view[index + 2] == 13 && view[index + 3] == 10
        }) else { return nil }
        return received.readString(length: end - view.startIndex + 4)
    }
}

import Metrics
import NIOCore

/// Sends a call's audio on the RTP clock: one 20 ms packet per 20 ms, counted from the start
/// (so the timing errors of one wake-up do not add up), silence when the agent is not speaking so
/// the line never looks dead. A stall longer than a few packets restarts the clock rather than
/// sending a burst.
///
/// It runs on the event loop of the call's socket, as a task NIO schedules there for each packet:
/// a packet costs no timer of its own and no hop between threads. With a `Task.sleep` per packet
/// the dispatch timers and thread wake-ups took most of the server's CPU at 100 calls.
final class RTPPacer: Sendable {
    private let channel: any Channel
    private let output: RTPCallOutput
    private let remote: RTPRemote
    private let state: NIOLoopBoundBox<State>
    private let ended: EventLoopPromise<Void>

    private struct State: Sendable {
        var writer: RTPStreamWriter
        var deadline = NIODeadline.now()
        var next: Scheduled<Void>?
        var stopped = false
    }

    static let interval = TimeAmount.milliseconds(20)
    /// How far behind the clock may fall before it restarts.
    static let maxLag = TimeAmount.milliseconds(100)
    /// `parley_rtp_send_lateness`: how long after its due time each packet went out.
    static let lateness = Timer(label: "parley_rtp_send_lateness")

    init(channel: any Channel, output: RTPCallOutput, remote: RTPRemote, payloadType: UInt8) {
        self.channel = channel
        self.output = output
        self.remote = remote
        state = .makeBoxSendingValue(State(writer: RTPStreamWriter(payloadType: payloadType)), eventLoop: channel.eventLoop)
        ended = channel.eventLoop.makePromise()
    }

    /// Sends until the output is finished and played out, the socket closes (the caller hung
    /// up), or the task is cancelled.
    func run() async {
        channel.eventLoop.execute { self.start() }
        await withTaskCancellationHandler {
            try? await ended.futureResult.get()
        } onCancel: {
            channel.eventLoop.execute { self.stop() }
        }
    }

    private func start() {
        state.value.deadline = .now()
        tick()
    }

    private func tick() {
        guard !state.value.stopped else { return }
        let now = NIODeadline.now()
        Self.lateness.recordNanoseconds(max(0, (now - state.value.deadline).nanoseconds))
        guard channel.isActive, let frame = output.nextFrame() else { return stop() }
        let packet = state.value.writer.packet(frame, samples: RTPCallOutput.frameSamples)
        if let address = remote.current {
            channel.writeAndFlush(AddressedEnvelope(remoteAddress: address, data: ByteBuffer(bytes: packet.bytes)), promise: nil)
        }
        var deadline = state.value.deadline + Self.interval
        if now - deadline > Self.maxLag { deadline = now }
        state.value.deadline = deadline
        state.value.next = channel.eventLoop.scheduleTask(deadline: deadline) { self.tick() }
    }

    private func stop() {
        guard !state.value.stopped else { return }
        state.value.stopped = true
        state.value.next?.cancel()
        ended.succeed()
    }
}

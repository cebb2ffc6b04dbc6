import Metrics
import NIOCore

/// Sends one call's audio on the RTP clock (``RTPClock``): a 20 ms packet each round, silence
/// when the agent is not speaking so the line never looks dead, written in place on the socket's
/// event loop.
final class RTPPacer: Sendable {
    private let channel: any Channel
    private let output: RTPCallOutput
    private let remote: RTPRemote
    private let state: NIOLoopBoundBox<State>
    private let ended: EventLoopPromise<Void>

    private struct State: Sendable {
        var writer: RTPStreamWriter
        var stopped = false
    }

    /// `parley_rtp_send_lateness`: how long after its round's due time each packet went out.
    static let lateness = Timer(label: "parley_rtp_send_lateness")

    init(channel: any Channel, output: RTPCallOutput, remote: RTPRemote, payloadType: UInt8) {
        self.channel = channel
        self.output = output
        self.remote = remote
        state = .makeBoxSendingValue(State(writer: RTPStreamWriter(payloadType: payloadType)), eventLoop: channel.eventLoop)
        ended = channel.eventLoop.makePromise()
    }

    /// Sends on `clock` until the output is finished and played out, the socket closes (the
    /// caller hung up), or the task is cancelled.
    func run(on clock: RTPClock) async {
        clock.add(self)
        await withTaskCancellationHandler {
            try? await ended.futureResult.get()
        } onCancel: {
            channel.eventLoop.execute { self.stop() }
        }
    }

    /// Sends the next packet of a round due at `due`; `false` once done (and then never again).
    func send(due: NIODeadline) -> Bool {
        guard !state.value.stopped else { return false }
        guard channel.isActive, let frame = output.nextFrame() else {
            stop()
            return false
        }
        Self.lateness.recordNanoseconds(max(0, (NIODeadline.now() - due).nanoseconds))
        let packet = state.value.writer.packet(frame, samples: RTPCallOutput.frameSamples)
        if let address = remote.current {
            channel.writeAndFlush(AddressedEnvelope(remoteAddress: address, data: ByteBuffer(bytes: packet.bytes)), promise: nil)
        }
        return true
    }

    private func stop() {
        guard !state.value.stopped else { return }
        state.value.stopped = true
        ended.succeed()
    }
}

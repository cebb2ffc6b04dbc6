import Audio
import Metrics
import NIOCore

/// Sends a call's audio on the RTP clock: one 20 ms packet per 20 ms, counted from the start
/// (so the timing errors of one wake-up do not add up), silence when the agent is not speaking so
/// the line never looks dead. A stall longer than a few packets restarts the clock rather than
/// sending a burst.
struct RTPPacer: Sendable {
    let output: RTPCallOutput
    let remote: RTPRemote
    let payloadType: UInt8

    static let interval = Duration.milliseconds(20)
    /// How far behind the clock may fall before it restarts.
    static let maxLag = Duration.milliseconds(100)
    /// `parley_rtp_send_lateness`: how long after its due time each packet went out.
    static let lateness = Timer(label: "parley_rtp_send_lateness")

    /// Runs until the output is finished and played out, cancellation, or a failed socket (the
    /// caller hung up).
    func run(_ outbound: NIOAsyncChannelOutboundWriter<AddressedEnvelope<ByteBuffer>>) async throws {
        let clock = ContinuousClock()
        var writer = RTPStreamWriter(payloadType: payloadType)
        var deadline = clock.now
        while !Task.isCancelled {
            Self.lateness.recordNanoseconds(max(0, (clock.now - deadline).nanoseconds))
            guard let frame = output.nextFrame() else { return }
            let packet = writer.packet(frame, samples: RTPCallOutput.frameSamples)
            if let address = remote.current {
                try await outbound.write(AddressedEnvelope(remoteAddress: address, data: ByteBuffer(bytes: packet.bytes)))
            }
            deadline += Self.interval
            if clock.now - deadline > Self.maxLag { deadline = clock.now }
            try await clock.sleep(until: deadline)
        }
    }
}

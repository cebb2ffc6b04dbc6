/// Numbers the packets of the stream Parley sends: one source, sequence numbers and timestamps
/// from random starting points (RFC 3550 §5.1), the marker on the first packet.
public struct RTPStreamWriter: Sendable {
    public let ssrc: UInt32
    public let payloadType: UInt8
    private var sequenceNumber: UInt16
    private var timestamp: UInt32
    private var started = false

    public init(payloadType: UInt8, ssrc: UInt32 = .random(in: 1...UInt32.max), sequenceNumber: UInt16 = .random(in: 0...UInt16.max), timestamp: UInt32 = .random(in: 0...UInt32.max)) {
        self.payloadType = payloadType
        self.ssrc = ssrc
        self.sequenceNumber = sequenceNumber
        self.timestamp = timestamp
    }

    /// The next packet, carrying `payload` of `samples` samples.
    public mutating func packet(_ payload: [UInt8], samples: Int) -> RTPPacket {
        let packet = RTPPacket(marker: !started, payloadType: payloadType, sequenceNumber: sequenceNumber, timestamp: timestamp, ssrc: ssrc, payload: payload)
        started = true
        sequenceNumber &+= 1
        timestamp &+= UInt32(samples)
        return packet
    }
}

import Audio
import Conversation
import NIOCore

/// The caller's side of a call's RTP as the call's input: datagrams from the negotiated address
/// only, in order through a jitter buffer, lost packets concealed with silence, G.711 decoded and
/// doubled to 16 kHz; RFC 4733 key presses as digits, and those SIP INFO brought (handed on with
/// the next packet: a phone sends one every 20 ms). Ends when the call's socket closes.
public struct RTPCallInput: AsyncSequence, Sendable {
    public typealias Element = CallInput

    let datagrams: NIOAsyncChannelInboundStream<AddressedEnvelope<ByteBuffer>>
    let media: SIPCallMedia
    let audio: NegotiatedAudio

    public func makeAsyncIterator() -> Iterator {
        Iterator(datagrams: datagrams.makeAsyncIterator(), media: media, audio: audio)
    }

    public struct Iterator: AsyncIteratorProtocol {
        var datagrams: NIOAsyncChannelInboundStream<AddressedEnvelope<ByteBuffer>>.AsyncIterator
        let media: SIPCallMedia
        let audio: NegotiatedAudio
        var jitter = RTPJitterBuffer()
        var keys = TelephoneEventReader()
        var upsampler = TwiceUpsampler()
        var frameSamples = 160
        /// Audio read with a packet whose turn went to a key pressed by INFO.
        var pending: CallInput?

        init(datagrams: NIOAsyncChannelInboundStream<AddressedEnvelope<ByteBuffer>>.AsyncIterator, media: SIPCallMedia, audio: NegotiatedAudio) {
            self.datagrams = datagrams
            self.media = media
            self.audio = audio
        }

        public mutating func next() async throws -> CallInput? {
            if let waiting = pending.take() { return waiting }
            if let key = media.takeKey() { return .digits(key) }
            while let envelope = try await datagrams.next() {
                let read = input(from: envelope)
                if let key = media.takeKey() {
                    pending = read
                    return .digits(key)
                }
                if let read { return read }
            }
            return nil
        }

        private mutating func input(from envelope: AddressedEnvelope<ByteBuffer>) -> CallInput? {
            guard media.remote.accepts(envelope.remoteAddress), let packet = RTPPacket(parsing: envelope.data.readableBytesView) else { return nil }
            if packet.payloadType == audio.telephoneEventPayloadType {
                return keys.key(in: packet).map(CallInput.digits)
            }
            guard packet.payloadType == audio.payloadType else { return nil }
            var samples: [Float] = []
            for release in jitter.insert(sequence: packet.sequenceNumber, payload: packet.payload) {
                switch release {
                case .payload(let payload):
                    frameSamples = payload.count
                    samples += audio.codec.decode(payload)
                case .missing:
                    samples += repeatElement(0, count: frameSamples)
                }
            }
            return samples.isEmpty ? nil : .audio(upsampler.upsample(samples))
        }
    }
}

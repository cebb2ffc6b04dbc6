import Audio
import Conversation
import NIOCore

/// The caller's side of a call's RTP as the call's input: datagrams from the negotiated address
/// only, in order through a jitter buffer, lost packets concealed with silence, G.711 decoded and
/// doubled to 16 kHz; RFC 4733 key presses as digits. Ends when the call's socket closes.
public struct RTPCallInput: AsyncSequence, Sendable {
    public typealias Element = CallInput

    let datagrams: NIOAsyncChannelInboundStream<AddressedEnvelope<ByteBuffer>>
    let remote: RTPRemote
    let audio: NegotiatedAudio

    public func makeAsyncIterator() -> Iterator {
        Iterator(datagrams: datagrams.makeAsyncIterator(), remote: remote, audio: audio)
    }

    public struct Iterator: AsyncIteratorProtocol {
        var datagrams: NIOAsyncChannelInboundStream<AddressedEnvelope<ByteBuffer>>.AsyncIterator
        let remote: RTPRemote
        let audio: NegotiatedAudio
        var jitter = RTPJitterBuffer()
        var keys = TelephoneEventReader()
        var upsampler = TwiceUpsampler()
        var frameSamples = 160

        init(datagrams: NIOAsyncChannelInboundStream<AddressedEnvelope<ByteBuffer>>.AsyncIterator, remote: RTPRemote, audio: NegotiatedAudio) {
            self.datagrams = datagrams
            self.remote = remote
            self.audio = audio
        }

        public mutating func next() async throws -> CallInput? {
            while let envelope = try await datagrams.next() {
                if let input = input(from: envelope) { return input }
            }
            return nil
        }

        private mutating func input(from envelope: AddressedEnvelope<ByteBuffer>) -> CallInput? {
            guard remote.accepts(envelope.remoteAddress), let packet = RTPPacket(parsing: envelope.data.readableBytesView) else { return nil }
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

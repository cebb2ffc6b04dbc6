import NIOCore
import Synchronization

/// One call's RTP socket as the user agent steers it: started once the audio is agreed, moved
/// by a re-INVITE, stopped (the socket closed, so the call's input ends) when the call ends.
public final class SIPCallMedia: Sendable {
    public let port: Int
    let remote = RTPRemote()
    /// Keys pressed by SIP INFO, for the call's input to hand on with the next RTP packet.
    private let keys = Mutex<[String]>([])
    private let channel: any Channel
    private let agreed: AsyncStream<NegotiatedAudio?>
    private let agreement: AsyncStream<NegotiatedAudio?>.Continuation

    init(port: Int, channel: any Channel) {
        self.port = port
        self.channel = channel
        (agreed, agreement) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    /// The audio stream both sides agreed on; `nil` when the call ended first.
    func started() async -> NegotiatedAudio? {
        for await audio in agreed { return audio }
        return nil
    }

    func start(_ audio: NegotiatedAudio) {
        move(audio)
        agreement.yield(audio)
        agreement.finish()
    }

    func move(_ audio: NegotiatedAudio) {
        guard let address = try? SocketAddress(ipAddress: audio.remoteAddress, port: audio.remotePort) else { return }
        remote.move(to: address)
    }

    func press(_ key: String) {
        keys.withLock { $0.append(key) }
    }

    /// The oldest key pressed by INFO and not yet taken.
    func takeKey() -> String? {
        keys.withLock { $0.isEmpty ? nil : $0.removeFirst() }
    }

    func stop() {
        agreement.yield(nil)
        agreement.finish()
        channel.close(promise: nil)
    }
}

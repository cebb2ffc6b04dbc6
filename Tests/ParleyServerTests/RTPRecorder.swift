import NIOCore
import NIOPosix
import Synchronization
import Telephony

/// A UDP socket on loopback that keeps the RTP packets sent to it: what a phone would hear.
final class RTPRecorder: Sendable {
    let port: Int
    private let packets = Mutex<[RTPPacket]>([])
    private let channel: NIOAsyncChannel<AddressedEnvelope<ByteBuffer>, AddressedEnvelope<ByteBuffer>>

    private init(channel: NIOAsyncChannel<AddressedEnvelope<ByteBuffer>, AddressedEnvelope<ByteBuffer>>, port: Int) {
        self.channel = channel
        self.port = port
    }

    /// Records while `body` runs.
    static func recording<Result: Sendable>(_ body: (RTPRecorder) async throws -> Result) async throws -> (Result, [RTPPacket]) {
        let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0)
            .flatMapThrowing { try NIOAsyncChannel<AddressedEnvelope<ByteBuffer>, AddressedEnvelope<ByteBuffer>>(wrappingChannelSynchronously: $0) }
            .get()
        let recorder = RTPRecorder(channel: channel, port: channel.channel.localAddress?.port ?? 0)
        let result = try await channel.executeThenClose { inbound, _ in
            try await withThrowingTaskGroup { group in
                group.addTask {
                    for try await envelope in inbound {
                        if let packet = RTPPacket(parsing: envelope.data.readableBytesView) {
                            recorder.packets.withLock { $0.append(packet) }
                        }
                    }
                }
                defer { group.cancelAll() }
                return try await body(recorder)
            }
        }
        return (result, recorder.packets.withLock { $0 })
    }
}

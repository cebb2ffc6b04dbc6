import NIOCore
import Synchronization

/// Where a call's RTP goes, and the one host its RTP is taken from: unknown until the other side
/// says (in its offer or answer); a re-INVITE can move it. Only the address is checked, not the
/// port: peers often send from another port than the one they listen on (SIPp does, and NATs
/// rewrite it), while a datagram from another host is never part of the call.
final class RTPRemote: Sendable {
    private let address = Mutex<SocketAddress?>(nil)

    var current: SocketAddress? { address.withLock { $0 } }

    func move(to address: SocketAddress) {
        self.address.withLock { $0 = address }
    }

    /// Whether a datagram from `source` belongs to the call: it comes from the negotiated host.
    func accepts(_ source: SocketAddress) -> Bool {
        guard let expected = current else { return false }
        return source.ipAddress == expected.ipAddress
    }
}

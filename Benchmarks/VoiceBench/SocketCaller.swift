import NIOCore

/// One caller of ``SocketCallers``: its connection, when it began speaking, and what it saw.
///
/// `@unchecked Sendable`: it is touched only on the callers' one event loop.
final class SocketCaller: @unchecked Sendable {
    var channel: (any Channel)?
    var origin: ContinuousClock.Instant?
    var result = SessionResult()
}

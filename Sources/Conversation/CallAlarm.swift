import ServiceLifecycle
import Synchronization

/// Wakes live calls when what they wait for is due (a held turn's silence threshold, the end of
/// the agent's playback, the silence timeout), from one timer for the whole server.
///
/// Why: a call used to wake every 50 ms to look at its clock, and with hundreds of calls those
/// timers were a cost of their own (at 500 density sessions, waking every 250 ms instead took
/// the server's CPU from 3.0 to 2.9 ms per session-second and the reply p99 from 0.8–1.1 s to 0.4 s).
/// A call now says when it next needs waking, which most of the time is never or seconds away.
public final class CallAlarm: Service {
    /// How often the alarm looks for what is due: how late at most a call is woken.
    public static let resolution = Duration.milliseconds(10)

    private struct Alarm {
        var due: ContinuousClock.Instant
        let wake: AsyncStream<Void>.Continuation
    }

    private let alarms = Mutex<[Int: Alarm]>([:])
    private let lastID = Atomic<Int>(0)

    public init() {}

    /// A new caller of the alarm: its id, and the stream it is woken on (at most one wake-up
    /// waits in it).
    func register() -> (id: Int, wakes: AsyncStream<Void>, continuation: AsyncStream<Void>.Continuation) {
        let (wakes, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        return (lastID.add(1, ordering: .relaxed).newValue, wakes, continuation)
    }

    /// Wakes `id` through `wake` at `due`, instead of when it last asked; `nil` wakes it never.
    func set(_ id: Int, at due: ContinuousClock.Instant?, wake: AsyncStream<Void>.Continuation) {
        alarms.withLock { $0[id] = due.map { Alarm(due: $0, wake: wake) } }
    }

    /// Wakes what is due every ``resolution`` until cancelled or shut down.
    public func run() async {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: Self.resolution)
                let now = ContinuousClock.now
                let due = self.alarms.withLock { alarms in
                    let due = alarms.filter { $0.value.due <= now }
                    for id in due.keys { alarms[id] = nil }
                    return due.values.map(\.wake)
                }
                for wake in due { wake.yield() }
            }
        }
    }
}

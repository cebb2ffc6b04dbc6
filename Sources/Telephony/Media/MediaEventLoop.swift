#if canImport(Glibc)
import Glibc
#endif
import Logging
import NIOPosix

/// The event loop every call's RTP socket is on: one thread of its own, at real-time priority
/// (`SCHED_RR`) where the system allows it (root, or `CAP_SYS_NICE`), as media servers run their
/// timers. The pacer's packets are then due by the clock, not by when the scheduler gets round
/// to the thread among the conversations' work: on 2 cores at 300 calls, 1 % of packets left
/// 10–20 ms late on a thread of normal priority.
enum MediaEventLoop {
    /// The `SCHED_RR` priority: above every normal thread, low among real-time ones.
    static let priority: Int32 = 10

    static func make(realtime: Bool, logger: Logger) -> MultiThreadedEventLoopGroup {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        guard realtime else { return group }
        group.next().execute {
            #if canImport(Glibc)
            var parameters = sched_param()
            parameters.sched_priority = priority
            let failure = pthread_setschedparam(pthread_self(), SCHED_RR, &parameters)
            if failure != 0 {
                logger.notice("RTP runs at normal priority: no permission for real-time scheduling", metadata: ["errno": "\(failure)"])
            }
            #endif
        }
        return group
    }
}

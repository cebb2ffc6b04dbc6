import Foundation
import Logging
import ParleyCore
import ServiceLifecycle

/// Deletes what has expired from a store (conversations with their history, session tokens) every
/// `interval`, until graceful shutdown. The first purge waits an interval too: at start the store
/// may still be migrating, and nothing expired is in anyone's way.
///
/// A failed purge is logged as a warning and tried again at the next interval; it never ends the
/// service. On shutdown a purge in flight is cancelled (its transaction rolls back; the next run
/// of Parley purges the same rows). Put it in the service group after the store, so that it stops
/// before the store does.
public struct StorePurger: Service {
    let store: any Store
    let interval: Duration
    let logger: Logger
    let now: @Sendable () -> Date

    /// - Parameters:
    ///   - interval: the time between the end of one purge and the start of the next.
    ///   - now: the clock that decides what has expired (injectable for tests).
    public init(store: any Store, interval: Duration = .seconds(600), logger: Logger, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.interval = interval
        self.logger = logger
        self.now = now
    }

    public func run() async {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: interval)
                } catch {
                    return
                }
                await purge()
            }
        }
    }

    /// Purges once, logging what went.
    func purge() async {
        do {
            let counts = try await store.purgeExpired(now: now())
            logger.debug(
                "purged expired rows",
                metadata: [
                    "conversations": "\(counts.conversations)",
                    "conversation_messages": "\(counts.messages)",
                    "session_tokens": "\(counts.sessionTokens)",
                ]
            )
        } catch {
            // Cancelled by shutdown: not a failure worth a warning.
            if Task.isCancelled { return }
            logger.warning("purging expired rows failed; trying again later", metadata: ["error": "\(error)"])
        }
    }
}

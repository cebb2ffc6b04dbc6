import Foundation
import Synchronization

/// Per-key token buckets in this process's memory, shared by all requests.
///
/// A `Mutex` rather than an actor: the critical section is a few arithmetic operations, and the
/// limiter is on every request's path.
final class RateLimiter: Sendable {
    private let perMinute: Int
    private let clock = ContinuousClock()
    private let origin: ContinuousClock.Instant
    private let buckets = Mutex<[UUID: TokenBucket]>([:])
    /// Above this many keys, full buckets are dropped: they are indistinguishable from new ones.
    private let pruneThreshold = 10_000

    init(perMinute: Int) {
        self.perMinute = perMinute
        self.origin = clock.now
    }

    func take(_ key: UUID) -> RateDecision {
        let now = (clock.now - origin) / .seconds(1)
        return buckets.withLock { buckets in
            if buckets.count > pruneThreshold {
                buckets = buckets.filter { !$0.value.isFull(now: now) }
            }
            return buckets[key, default: TokenBucket(capacity: perMinute, window: 60, now: now)].take(now: now)
        }
    }
}

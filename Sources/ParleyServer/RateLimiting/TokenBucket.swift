/// A token bucket: up to `capacity` events at once, refilled at `capacity` per `window`.
///
/// Pure and clock-free: the caller passes the time, so every transition is testable without I/O.
struct TokenBucket: Sendable, Equatable {
    let capacity: Double
    /// Tokens regained per second.
    let refillRate: Double
    private(set) var tokens: Double
    private(set) var updatedAt: Double

    init(capacity: Int, window: Double, now: Double) {
        self.capacity = Double(capacity)
        self.refillRate = Double(capacity) / window
        self.tokens = Double(capacity)
        self.updatedAt = now
    }

    /// Takes one token if there is one; otherwise answers how long until there will be.
    mutating func take(now: Double) -> RateDecision {
        tokens = min(capacity, tokens + max(0, now - updatedAt) * refillRate)
        updatedAt = max(updatedAt, now)
        guard tokens >= 1 else { return .limited(retryAfter: (1 - tokens) / refillRate) }
        tokens -= 1
        return .allowed
    }

    /// Whether the bucket has refilled completely by `now` (and so carries no state worth keeping).
    func isFull(now: Double) -> Bool {
        tokens + max(0, now - updatedAt) * refillRate >= capacity
    }
}

/// The answer of a rate limiter.
enum RateDecision: Sendable, Equatable {
    case allowed
    /// Refused; a token is back after this many seconds.
    case limited(retryAfter: Double)
}

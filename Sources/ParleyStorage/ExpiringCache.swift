import Synchronization

/// A small in-memory map whose entries expire after a fixed time.
///
/// Bounded: past `capacity` entries it drops the expired ones, and if that is not enough, all.
final class ExpiringCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry {
        var value: Value
        var expires: ContinuousClock.Instant
    }

    private let lifetime: Duration
    private let capacity: Int
    private let now: @Sendable () -> ContinuousClock.Instant
    private let entries = Mutex<[Key: Entry]>([:])

    init(lifetime: Duration, capacity: Int = 10_000, now: @escaping @Sendable () -> ContinuousClock.Instant) {
        self.lifetime = lifetime
        self.capacity = capacity
        self.now = now
    }

    /// The cached value, or `load()`'s, which is then cached (`nil` results are not).
    func value(for key: Key, load: () async throws -> Value?) async throws -> Value? {
        let now = now()
        if let hit = entries.withLock({ $0[key] }), hit.expires > now {
            return hit.value
        }
        guard let loaded = try await load() else { return nil }
        entries.withLock { entries in
            if entries.count >= capacity {
                entries = entries.filter { $0.value.expires > now }
                if entries.count >= capacity { entries.removeAll() }
            }
            entries[key] = Entry(value: loaded, expires: now + lifetime)
        }
        return loaded
    }

    func remove(_ key: Key) {
        _ = entries.withLock { $0.removeValue(forKey: key) }
    }

    /// Drops every entry `matches` selects.
    func remove(where matches: (Key, Value) -> Bool) {
        entries.withLock { entries in entries = entries.filter { !matches($0.key, $0.value.value) } }
    }
}

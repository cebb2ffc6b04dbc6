/// The reply latencies of a call, summed up: the median and the worst, nearest-rank.
struct LatencySummary: Sendable, Equatable {
    /// In the order measured.
    let latencies: [Duration]

    init(_ latencies: [Duration]) {
        self.latencies = latencies
    }

    var count: Int { latencies.count }
    var median: Duration? { percentile(50) }
    var maximum: Duration? { latencies.max() }

    /// The nearest-rank percentile (`p` in 0…100): the smallest latency that at least `p` % of
    /// them do not exceed; `nil` when there are none.
    func percentile(_ p: Double) -> Duration? {
        guard !latencies.isEmpty else { return nil }
        let sorted = latencies.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    /// `duration` in whole milliseconds.
    static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000 + attoseconds / 1_000_000_000_000_000
    }
}

import ParleyCore

extension CallPage {
    /// A page from `limit + 1` fetched rows: the extra row only tells that another page follows.
    init(fetched: [Call], limit: Int) {
        let calls = Array(fetched.prefix(limit))
        let next = fetched.count > limit ? calls.last.map { CallCursor(startedAt: $0.startedAt, id: $0.id) } : nil
        self.init(calls: calls, next: next)
    }
}

extension TurnLatency {
    /// `nil` when no stage was measured, so caller turns carry no empty latency object.
    var nilIfEmpty: TurnLatency? {
        self == TurnLatency() ? nil : self
    }
}

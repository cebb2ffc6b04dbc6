/// The even UDP ports calls take their RTP on (RTCP, unused, would be the odd one above), each
/// lent to one call at a time, taken round-robin so a port just freed is not reused at once.
public struct RTPPortPool: Sendable {
    public let range: ClosedRange<Int>
    private var inUse: Set<Int> = []
    private var cursor: Int

    public init(range: ClosedRange<Int>) {
        self.range = range
        self.cursor = range.lowerBound + range.lowerBound % 2
    }

    /// A free port, or `nil` when all are lent.
    public mutating func take() -> Int? {
        let count = (range.upperBound - range.lowerBound) / 2 + 1
        for _ in 0..<count {
            let port = cursor
            cursor += 2
            if cursor > range.upperBound { cursor = range.lowerBound + range.lowerBound % 2 }
            if range.contains(port), inUse.insert(port).inserted { return port }
        }
        return nil
    }

    /// Gives `port` back.
    public mutating func give(_ port: Int) {
        inUse.remove(port)
    }
}

/// Puts a stream's packets back in order. A packet that follows the last one released goes out at
/// once (so a clean stream costs no delay); after a gap, the packets behind it wait until the
/// missing one arrives or `depth` packets are held, and the missing one is then given up as lost.
/// Late and duplicate packets are dropped; a jump far outside the window (a restarted stream) starts over.
public struct RTPJitterBuffer: Sendable {
    /// What comes out, in order.
    public enum Release: Sendable, Equatable {
        case payload([UInt8])
        /// A packet that never came (or came too late): the consumer conceals it.
        case missing
    }

    /// Packets held behind a gap before the gap is given up on: 3 is 60 ms of 20 ms packets.
    public let depth: Int
    public private(set) var lateOrDuplicate = 0
    public private(set) var lost = 0

    private var next: UInt16?
    private var held: [UInt16: [UInt8]] = [:]

    /// A jump this far from the expected packet is a new stream, not reordering.
    private static let restartDistance = 1_000

    public init(depth: Int = 3) {
        self.depth = max(1, depth)
    }

    /// Takes packet `sequence` and returns what can go out now.
    public mutating func insert(sequence: UInt16, payload: [UInt8]) -> [Release] {
        guard let expected = next else {
            next = sequence &+ 1
            return [.payload(payload)]
        }
        let distance = Int(Int16(bitPattern: sequence &- expected))
        if abs(distance) >= Self.restartDistance {
            var released = flush()
            next = sequence &+ 1
            released.append(.payload(payload))
            return released
        }
        guard distance >= 0, held[sequence] == nil else {
            lateOrDuplicate += 1
            return []
        }
        held[sequence] = payload
        var released = drainInOrder()
        while held.count >= depth {
            released += skipToOldestHeld()
        }
        return released
    }

    /// Everything held, in order, the gaps as missing; the buffer is then empty.
    public mutating func flush() -> [Release] {
        var released: [Release] = []
        while !held.isEmpty {
            released += skipToOldestHeld()
        }
        return released
    }

    /// Gives up on the packets before the oldest one held (at most ``maxConcealed`` of them are
    /// released as missing: a longer gap is lost time, not audio to make up), then releases what follows in order.
    private mutating func skipToOldestHeld() -> [Release] {
        guard let expected = next, let oldest = held.keys.min(by: { $0 &- expected < $1 &- expected }) else { return [] }
        let gap = Int(oldest &- expected)
        lost += gap
        next = oldest
        return Array(repeating: .missing, count: min(gap, Self.maxConcealed)) + drainInOrder()
    }

    /// A second of 20 ms packets.
    public static let maxConcealed = 50

    private mutating func drainInOrder() -> [Release] {
        var released: [Release] = []
        while let expected = next, let payload = held.removeValue(forKey: expected) {
            released.append(.payload(payload))
            next = expected &+ 1
        }
        return released
    }
}

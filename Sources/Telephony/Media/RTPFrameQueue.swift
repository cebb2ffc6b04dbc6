/// Frames in the order they play, taken from the front without shifting the rest.
struct RTPFrameQueue: Sendable {
    private var frames: [[UInt8]] = []
    private var head = 0

    mutating func append(_ more: [[UInt8]]) {
        if head > 0, head == frames.count {
            frames.removeAll(keepingCapacity: true)
            head = 0
        }
        frames += more
    }

    mutating func popFirst() -> [UInt8]? {
        guard head < frames.count else { return nil }
        defer { head += 1 }
        return frames[head]
    }

    mutating func removeAll() {
        frames.removeAll(keepingCapacity: true)
        head = 0
    }
}

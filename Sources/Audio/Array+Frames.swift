extension Array where Element == UInt8 {
    /// The bytes cut in frames of `size` bytes, the last one padded with `padding` (a codec's
    /// silence): how a piece of G.711 speech goes down a phone line, 20 ms at a time.
    public func frames(of size: Int, paddedWith padding: UInt8) -> [[UInt8]] {
        stride(from: 0, to: count, by: size).map { start in
            let frame = self[start..<Swift.min(start + size, count)]
            return Array(frame) + repeatElement(padding, count: size - frame.count)
        }
    }
}

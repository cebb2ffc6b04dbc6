extension Array {
    /// The elements cut in frames of `size`, the last one padded with `padding` (a codec's
    /// silence, or 0 for samples): how a piece of speech goes down a phone line, 20 ms at a time.
    public func frames(of size: Int, paddedWith padding: Element) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { start in
            let frame = self[start..<Swift.min(start + size, count)]
            return Array(frame) + repeatElement(padding, count: size - frame.count)
        }
    }
}

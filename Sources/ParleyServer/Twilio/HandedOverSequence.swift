/// The rest of a sequence whose first elements were already read: the iterator that read them,
/// handed on to the one task that reads the rest.
///
/// A WebSocket's messages can be iterated only once, and a Media Streams socket says who is
/// calling (`start`) before the call that reads its audio can begin.
struct HandedOverSequence<Iterator: AsyncIteratorProtocol>: AsyncSequence, @unchecked Sendable {
    typealias Element = Iterator.Element

    // Unchecked: the iterator moves here from the task that began reading and is used by
    // exactly one task after that, never by two at once.
    private let iterator: Iterator

    init(_ iterator: Iterator) {
        self.iterator = iterator
    }

    func makeAsyncIterator() -> Iterator { iterator }
}

import Audio

/// The speech for one text, synthesised piece by piece as it is consumed: the consumer's pace is
/// the back-pressure, and nothing is synthesised that nobody asked for.
public struct SpeechChunks: AsyncSequence, Sendable {
    public typealias Element = PCMAudio

    /// The text pieces, in order (see ``SpeechSegmenter``).
    public let pieces: [SpeechSegmenter.Piece]
    private let render: @Sendable (SpeechSegmenter.Piece) async throws -> PCMAudio

    /// The speech for `pieces`, each rendered by `render` when the consumer asks for it. Public so
    /// that a synthesiser outside this module (a benchmark's or a test's double) can answer one.
    public init(pieces: [SpeechSegmenter.Piece], render: @escaping @Sendable (SpeechSegmenter.Piece) async throws -> PCMAudio) {
        self.pieces = pieces
        self.render = render
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(pieces: pieces[...], render: render)
    }

    public struct Iterator: AsyncIteratorProtocol {
        private var pieces: ArraySlice<SpeechSegmenter.Piece>
        private let render: @Sendable (SpeechSegmenter.Piece) async throws -> PCMAudio

        init(pieces: ArraySlice<SpeechSegmenter.Piece>, render: @escaping @Sendable (SpeechSegmenter.Piece) async throws -> PCMAudio) {
            self.pieces = pieces
            self.render = render
        }

        public mutating func next() async throws -> PCMAudio? {
            guard let piece = pieces.popFirst() else { return nil }
            do {
                try Task.checkCancellation()
                return try await render(piece)
            } catch {
                pieces = []
                throw error
            }
        }
    }
}

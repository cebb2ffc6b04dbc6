import Conversation
import Testing

@Suite struct ReplySegmenterTests {
    /// Feeds `deltas` one at a time and answers every piece, the rest included.
    private func pieces(_ deltas: [String]) -> [String] {
        var segmenter = ReplySegmenter()
        var pieces = deltas.flatMap { segmenter.append($0) }
        if let rest = segmenter.finish() { pieces.append(rest) }
        return pieces
    }

    @Test func theFirstPieceIsShortAndLaterOnesFollowSentences() {
        let reply = "Sure, I can help with that. The capital of France is Paris, which is also its largest city. Anything else?"
        // Streamed a few characters at a time, as a model does.
        let deltas = stride(from: 0, to: reply.count, by: 3).map { start in
            String(reply.dropFirst(start).prefix(3))
        }
        #expect(pieces(deltas) == [
            "Sure, I can help with",
            "that.",
            "The capital of France is Paris, which is also its largest city.",
            "Anything else?",
        ])
    }

    @Test func aClauseEndsTheFirstPieceOnceItHasThreeWords() {
        #expect(pieces(["Well, of course, ", "the answer is ", "no."]) == ["Well, of course,", "the answer is no."])
    }

    @Test func aWordStillArrivingIsNotCut() {
        var segmenter = ReplySegmenter()
        #expect(segmenter.append("Hello.") == [], "the model may still be sending this word")
        #expect(segmenter.append(" How") == ["Hello."])
        #expect(segmenter.append(" are you?") == [])
        #expect(segmenter.finish() == "How are you?")
    }

    @Test func markdownIsNotSpoken() {
        #expect(pieces(["**Paris** is the _capital_. ", "# Done"]) == ["Paris is the capital.", "Done"])
    }

    @Test func nothingGivesNoPieces() {
        #expect(pieces([]) == [])
        #expect(pieces(["  ", "\n"]) == [])
    }
}

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
            "Sure, I can help",
            "with that.",
            "The capital of France is Paris, which is also its largest city.",
            "Anything else?",
        ])
    }

    @Test func aClauseEndsTheFirstPieceOnceItHasTwoWords() {
        #expect(pieces(["Well, of course, ", "the answer is ", "no."]) == ["Well, of course,", "the answer is no."])
        #expect(pieces(["Yes, ", "of course."]) == ["Yes, of course."], "one word is too short a piece")
    }

    @Test func theFirstPieceEndsBeforeAWordThatOpensAPhraseOnceItHasTwoWords() {
        var segmenter = ReplySegmenter()
        #expect(segmenter.append("Paris") == [])
        #expect(segmenter.append(" is") == [])
        #expect(segmenter.append(" the") == [], "\"the\" may still become \"there\"")
        #expect(segmenter.append(" capital") == ["Paris is"])
        #expect(segmenter.append(" of France.") == ["the capital of France."], "later pieces do not cut on phrases")
        #expect(pieces(["The opposite of hot is cold."]) == ["The opposite", "of hot is cold."])
        #expect(pieces(["The sky is blue."]) == ["The sky is blue."], "a phrase opener that starts the reply is no cut")
        #expect(pieces(["A spider has eight legs."]) == ["A spider has eight legs."])
    }

    @Test func aLaterPieceIsKeptShortEnoughToBeReadyWhileTheOneBeforePlays() {
        // After two words, a piece of at most ten; after twelve, up to thirty.
        #expect(pieces(["It is the best shop in town and we open every single day ", "of the week from nine until six."]) == [
            "It is",
            "the best shop in town and we open every single",
            "day of the week from nine until six.",
        ])
    }

    @Test func aWordStillArrivingIsNotCut() {
        var segmenter = ReplySegmenter()
        #expect(segmenter.append("Hello") == [], "the model may still be sending this word")
        #expect(segmenter.append(" dear old") == [])
        #expect(segmenter.append(" friend") == [])
        #expect(segmenter.append(" Sam") == [], "nor this one")
        #expect(segmenter.append(" today") == ["Hello dear old friend Sam"], "five words")
        #expect(segmenter.finish() == "today")
    }

    @Test func aWordThatCanOnlyEndASentenceIsCutAtOnce() {
        var segmenter = ReplySegmenter()
        #expect(segmenter.append("Paris.") == ["Paris."])
        #expect(segmenter.append(" Is that all") == [])
        #expect(segmenter.append(" you need?") == ["Is that all you need?"])
        #expect(segmenter.append(" Great!") == ["Great!"])
        #expect(segmenter.append("!") == [])
        #expect(segmenter.append(" Really?") == ["Really?"])
        #expect(segmenter.append("! ") == [], "marks alone are nothing to say")
        #expect(segmenter.finish() == nil)
        // Stops that may go on: a number, an abbreviation, an ellipsis, "e.g.".
        for unsure in ["It costs 3.", "Ask Dr.", "Well...", "Fruit e.g."] {
            var segmenter = ReplySegmenter()
            #expect(segmenter.append(unsure) == [], "\(unsure)")
        }
    }

    @Test func markdownIsNotSpoken() {
        #expect(pieces(["**Paris** is _lovely_. ", "# Done"]) == ["Paris is lovely.", "Done"])
    }

    @Test func nothingGivesNoPieces() {
        #expect(pieces([]) == [])
        #expect(pieces(["  ", "\n"]) == [])
    }
}

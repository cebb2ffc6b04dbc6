import Engines
import Testing

@Suite struct SpeechSegmenterTests {
    private func texts(_ text: String, first: Int = 5, rest: Int = 30) -> [String] {
        SpeechSegmenter.pieces(of: text, firstPieceWords: first, pieceWords: rest).map(\.text)
    }

    @Test func theFirstPieceIsShortAndLaterOnesFollowSentences() {
        #expect(texts("Hello, how are you today, my friend? I am fine. Thanks!") ==
            ["Hello, how are you today,", "my friend?", "I am fine.", "Thanks!"])
        #expect(texts("The weather today is sunny with a light westerly breeze.") ==
            ["The weather today is sunny", "with a light westerly breeze."])
    }

    @Test func noStubIsLeftBehind() {
        #expect(texts("Please call me back tomorrow morning.") == ["Please call me back tomorrow morning."])
        #expect(texts("One two three four five six seven eight.") == ["One two three four five", "six seven eight."])
    }

    @Test func longSentencesAreCutAtClausesThenWords() {
        let words = (1...12).map { "w\($0)" }
        #expect(texts("Hi. " + words.joined(separator: " ") + ".", first: 5, rest: 4) ==
            ["Hi.", "w1 w2 w3 w4", "w5 w6 w7 w8", "w9 w10 w11 w12."])
        #expect(texts("Hi. a b c, d e f, g h.", first: 5, rest: 6) == ["Hi.", "a b c, d e f,", "g h."])
    }

    @Test func numbersAndPunctuationRunsStayWhole() {
        let pieces = SpeechSegmenter.pieces(of: "It costs 3.5 dollars, or 1,000 cents. Really?! \"Yes.\"")
        #expect(pieces.map(\.text) == ["It costs 3.5 dollars,", "or 1,000 cents.", "Really?", "Yes."])
        #expect(pieces[0].clauses.map(\.mark) == [","])
    }

    @Test func blankTextHasNoPieces() {
        #expect(texts(" \n ").isEmpty)
        #expect(texts("…").isEmpty)
    }
}

@testable import Engines
import Testing

@Suite struct RepeatedSentencesTests {
    @Test func aLoopingDecoderIsHeardOnce() {
        #expect(RepeatedSentences.collapsed(" What is 2 plus 2? What is 2 plus 2? what is 2 plus 2? What") == "What is 2 plus 2? What")
    }

    @Test func differentSentencesAndNumbersStay() {
        #expect(RepeatedSentences.collapsed(" It costs 3.5 dollars. Yes. Yes, please.") == "It costs 3.5 dollars. Yes. Yes, please.")
        #expect(RepeatedSentences.collapsed("No. Maybe. No.") == "No. Maybe. No.")
        #expect(RepeatedSentences.collapsed("   ") == "")
    }
}

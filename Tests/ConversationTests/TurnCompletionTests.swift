import Conversation
import Testing

@Suite struct TurnCompletionTests {
    @Test(arguments: ["What time is it?", "Book a table for two.", "Yes!", "  That's all.  ", "It's 3.5 percent."])
    func finishedSentences(_ text: String) {
        #expect(TurnCompletion.soundsFinished(text))
    }

    @Test(arguments: ["I would like to", "I want a table and.", "Well, um.", "Let me think...", "So…", "", "   "])
    func unfinishedSentences(_ text: String) {
        #expect(!TurnCompletion.soundsFinished(text))
    }
}

import Conversation
import Engines
import Testing

@Suite struct ReplyLoopTests {
    /// Feeds `text` a few characters at a time, as a model streams; answers how many characters
    /// went in before the loop was noticed, or `nil`.
    private func noticed(_ text: String) -> Int? {
        var loop = ReplyLoop()
        var fed = 0
        for start in stride(from: 0, to: text.count, by: 4) {
            let delta = String(text.dropFirst(start).prefix(4))
            fed += delta.count
            if loop.append(delta) { return fed }
        }
        return nil
    }

    @Test func aPhraseSaidOverAndOverIsALoop() throws {
        let looping = "A large animal name is" + String(repeating: " a large animal name", count: 20)
        let at = try #require(noticed(looping))
        // Noticed with the third "a large animal name" after the first, within one delta.
        #expect(at <= "A large animal name is a large animal name a large animal name a large animal name".count + 4, "noticed at \(at)")
        #expect(noticed("A spider has eight legs. A spider has eight legs.") != nil, "a sentence twice")
        #expect(noticed(String(repeating: "bye ", count: 9)) != nil)
    }

    @Test func ordinaryRepetitionIsNot() {
        #expect(noticed("No, no, no! That is not what I meant.") == nil)
        #expect(noticed("Thank you, thank you so much. It was very, very kind of you.") == nil)
        #expect(noticed("Paris is the capital of France, and Paris is also its largest city.") == nil)
        #expect(noticed("Bye bye!") == nil)
        #expect(noticed("") == nil)
    }

    @Test func aLoopingReplyIsCutShortInACall() async throws {
        let output = try await CallDoubles.run(
            script: [
                2: [.speechStarted(at: .milliseconds(40))],
                10: [.speechEnded(utterance: CallDoubles.audio(200), start: .zero, end: .milliseconds(200))],
            ],
            frames: 20, pace: .milliseconds(2), stt: CountingSpeechToText(delay: .zero), model: LoopingLanguageModel()
        )
        let said = await output.events.compactMap { if case .transcript(.assistant, let text, true) = $0 { text } else { nil } }
        let reply = try #require(said.last)
        #expect(reply.lowercased().components(separatedBy: "animal").count - 1 <= 3, "\(reply)")
    }
}

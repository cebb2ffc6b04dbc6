import Audio
@testable import Conversation
import Engines
import Logging
import ParleyCore
import Testing

/// A caller's side that says what it has played (Twilio's marks) decides what the caller heard
/// when they cut in, rather than when the call sent it.
@Suite struct PlayedPiecesTests {
    /// Answers with a hundred sentences of five words, none repeated (a repeated phrase would be cut
    /// as a loop): a piece of 100 ms of tone each (``ToneTextToSpeech``), ten seconds in all.
    struct LongStory: LanguageModel {
        func generate(_ request: ChatRequest, onDelta: (ChatDelta) async throws -> Void) async throws -> ChatReply {
            let text = (1...100).map { n in ["a", "b", "c", "d", "e"].map { "w\(n)\($0)" }.joined(separator: " ") + "." }.joined(separator: " ")
            try await onDelta(.text(text))
            return ChatReply(text: text, finishReason: "stop")
        }
    }

    /// Cuts in at the 50th frame of the caller's audio; with `marked`, the caller's side says just
    /// before it that it has played only the first piece. Answers what the call says was heard.
    private func heardWhenCuttingIn(marked: Bool) async throws -> String {
        let output = RecordedCallOutput()
        var agent = AgentSettings(name: "Test")
        agent.welcomeMessage = nil
        let script: [Int: [VoiceActivityEvent]] = [
            2: [.speechStarted(at: .milliseconds(40))],
            10: [.speechEnded(utterance: CallDoubles.audio(300), start: .zero, end: .milliseconds(200))],
            50: [.speechOnset(at: .milliseconds(1_000))],
        ]
        let live = try LiveCall(
            settings: CallSettings(agent: agent, resuming: false),
            engines: CallDoubles.engines(vad: ScriptedVoiceActivity(script: script), stt: CountingSpeechToText(delay: .zero), model: LongStory()),
            output: output,
            logger: Logger(label: "test")
        )
        let (input, feed) = AsyncStream<CallInput>.makeStream()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { _ = await live.run(input: input) }
            for frame in 0..<60 {
                // The caller's side plays far behind: the first piece ends only when it says so.
                if marked, frame == 50 { feed.yield(.played(piece: 1)) }
                feed.yield(.audio([Float](repeating: 0, count: 320)))
                try await Task.sleep(for: .milliseconds(20))
            }
            feed.finish()
            try await group.waitForAll()
        }
        let events = await output.events
        #expect(events.contains(.speechStopped), "the caller cut in on the reply (\(events.count) events)")
        // The last final transcript of the reply: what the caller heard, sent with the stop.
        return events.compactMap { if case .transcript(.assistant, let text, true) = $0 { text } else { nil } }.last ?? ""
    }

    @Test func aLateMarkMeansTheCallerHeardLess() async throws {
        // By the clock alone, eight or more 100 ms pieces have played when the caller cuts in (at
        // least 0.8 s into the reply; later on a loaded machine).
        let byClock = try await heardWhenCuttingIn(marked: false)
        #expect(byClock.split(separator: " ").count >= 40, "\(byClock.prefix(200))")
        // The first piece reported played out at the cut: the caller heard it, and no more.
        let byMarks = try await heardWhenCuttingIn(marked: true)
        #expect(byMarks == "w1a w1b w1c w1d w1e.", "\(byMarks.prefix(200))")
    }
}

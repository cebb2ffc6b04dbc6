import Audio
@testable import Conversation
import Engines
import Logging
import ParleyCore
import Testing

/// A caller's side that says what it has played (Twilio's marks) decides what the caller heard
/// when they cut in, rather than when the call sent it.
@Suite struct PlayedPiecesTests {
    /// Answers with ten sentences at once: twenty pieces of 100 ms of tone (``ToneTextToSpeech``).
    struct TenSentences: LanguageModel {
        func generate(_ request: ChatRequest, onDelta: (ChatDelta) async throws -> Void) async throws -> ChatReply {
            let text = (1...10).map { "This is sentence number \($0) of the story." }.joined(separator: " ")
            try await onDelta(.text(text))
            return ChatReply(text: text, finishReason: "stop")
        }
    }

    /// Cuts in 700 ms after the reply began; answers what the call says the caller heard.
    private func heardWhenCuttingIn(markFirstPieceAt markFrame: Int?) async throws -> String {
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
            engines: CallDoubles.engines(vad: ScriptedVoiceActivity(script: script), stt: CountingSpeechToText(delay: .zero), model: TenSentences()),
            output: output,
            logger: Logger(label: "test")
        )
        let (input, feed) = AsyncStream<CallInput>.makeStream()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { _ = await live.run(input: input) }
            for frame in 0..<60 {
                // The caller's side plays far behind: the first piece ends only when it says so.
                if frame == markFrame { feed.yield(.played(piece: 1)) }
                feed.yield(.audio([Float](repeating: 0, count: 320)))
                try await Task.sleep(for: .milliseconds(20))
            }
            feed.finish()
            try await group.waitForAll()
        }
        let events = await output.events
        #expect(events.contains(.speechStopped), "the caller cut in on the reply")
        // The last final transcript of the reply: what the caller heard, sent with the stop.
        return events.compactMap { if case .transcript(.assistant, let text, true) = $0 { text } else { nil } }.last ?? ""
    }

    @Test func aLateMarkMeansTheCallerHeardLess() async throws {
        // By the clock alone, eight of the twenty 100 ms pieces have played when the caller cuts in.
        let byClock = try await heardWhenCuttingIn(markFirstPieceAt: nil)
        #expect(byClock.split(separator: " ").count > 24, "\(byClock)")
        // The first piece reported played just before the cut: the caller heard it and hardly more.
        let byMarks = try await heardWhenCuttingIn(markFirstPieceAt: 48)
        #expect(byMarks.hasPrefix("This is sentence number 1"), "\(byMarks)")
        #expect(byMarks.split(separator: " ").count <= 20, "\(byMarks)")
    }
}

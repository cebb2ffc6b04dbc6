import Audio
@testable import Conversation
import Engines
import Logging
import ParleyCore
import Testing

/// The call has its language model read the conversation while nobody waits for it: at the
/// start, and each time the conversation grows, so that a reply reads only the caller's words.
@Suite struct PrefillTests {
    private static let oneTurn: [Int: [VoiceActivityEvent]] = [
        2: [.speechStarted(at: .milliseconds(40))],
        10: [.speechEnded(utterance: CallDoubles.audio(300), start: .zero, end: .milliseconds(200))],
    ]

    @Test func theConversationIsReadAheadAtTheStartAndAfterEachTurn() async throws {
        let model = RecordingLanguageModel()
        // 40 frames of 20 ms: the reply (100 ms of tone) has played out well before the caller leaves.
        _ = try await CallDoubles.run(script: Self.oneTurn, frames: 40, pace: .milliseconds(20), stt: CountingSpeechToText(delay: .milliseconds(10)), model: model)
        try await waitUntil { model.prefills.count == 2 }
        let instructions = CallSettings(agent: AgentSettings(name: "Test"), resuming: false).instructions
        #expect(model.prefills.first == [.system(instructions)])
        #expect(model.prefills.last == [.system(instructions), .user("I said 300 milliseconds."), .assistant("Noted.")])
    }

    @Test func aReplyWaitsForTheReadAheadItContinues() async throws {
        // The start's prefill takes 400 ms; the caller's turn ends at 200 ms and is transcribed at once.
        let model = RecordingLanguageModel(prefillDelay: .milliseconds(400))
        _ = try await CallDoubles.run(script: Self.oneTurn, frames: 30, pace: .milliseconds(20), stt: CountingSpeechToText(delay: .milliseconds(1)), model: model)
        let calls = model.calls
        let generated = try #require(calls.firstIndex(of: .generate(lastUserMessage: "I said 300 milliseconds.")))
        let prefilled = try #require(calls.firstIndex(of: .prefilled))
        #expect(prefilled < generated, "\(calls)")
    }

    private func waitUntil(_ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(5)
        while !condition() {
            guard ContinuousClock.now < deadline else { Issue.record("timed out"); return }
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}

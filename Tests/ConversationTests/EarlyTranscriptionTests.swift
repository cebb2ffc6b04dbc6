import Audio
@testable import Conversation
import Engines
import Logging
import ParleyCore
import Testing

/// A caller's utterance is transcribed from the moment they pause, and that transcript is used
/// when they say no more; when they go on, it is dropped and the whole utterance is heard.
@Suite struct EarlyTranscriptionTests {
    private func call(
        script: [Int: [VoiceActivityEvent]], frames: Int, pace: Duration, sttDelay: Duration, replies: Int = 1
    ) async throws -> (stt: CountingSpeechToText, model: RecordingLanguageModel, output: RecordedCallOutput) {
        let stt = CountingSpeechToText(delay: sttDelay)
        let model = RecordingLanguageModel()
        let output = try await CallDoubles.run(script: script, frames: frames, pace: pace, stt: stt, model: model, replies: replies)
        return (stt, model, output)
    }

    @Test(arguments: [Duration.milliseconds(1), .milliseconds(20)])
    func aPauseThatEndsTheUtteranceIsTranscribedOnce(pace: Duration) async throws {
        // With a 1 ms pace the VAD ends the utterance before the early transcript is ready; with
        // real-time frames the transcript is ready first.
        let (stt, model, output) = try await call(
            script: [
                2: [.speechStarted(at: .milliseconds(40))],
                20: [.speechPaused(utterance: CallDoubles.audio(700), start: .zero, end: .milliseconds(300))],
                30: [.speechEnded(utterance: CallDoubles.audio(720), start: .zero, end: .milliseconds(300))],
            ],
            frames: 40, pace: pace, sttDelay: .milliseconds(60)
        )
        #expect(stt.requests == [700], "only the early transcription ran")
        #expect(await output.userTranscripts == ["I said 700 milliseconds."])
        #expect(model.lastUserMessages == ["I said 700 milliseconds."])
    }

    @Test func speakingOnAfterAPauseIsHeardWhole() async throws {
        let (stt, model, output) = try await call(
            script: [
                2: [.speechStarted(at: .milliseconds(40))],
                20: [.speechPaused(utterance: CallDoubles.audio(300), start: .zero, end: .milliseconds(300))],
                25: [.speechResumed(at: .milliseconds(500))],
                45: [.speechPaused(utterance: CallDoubles.audio(800), start: .zero, end: .milliseconds(800))],
                55: [.speechEnded(utterance: CallDoubles.audio(820), start: .zero, end: .milliseconds(800))],
            ],
            frames: 60, pace: .milliseconds(2), sttDelay: .milliseconds(10)
        )
        #expect(stt.requests == [300, 800])
        #expect(await output.userTranscripts == ["I said 800 milliseconds."], "the outrun transcript is never delivered")
        #expect(model.lastUserMessages == ["I said 800 milliseconds."])
    }

    @Test func anUtteranceWithoutAPauseIsTranscribedWhenItEnds() async throws {
        let (stt, _, output) = try await call(
            script: [
                2: [.speechStarted(at: .milliseconds(40))],
                20: [.speechPaused(utterance: CallDoubles.audio(300), start: .zero, end: .milliseconds(300))],
                22: [.speechResumed(at: .milliseconds(420))],
                30: [.speechEnded(utterance: CallDoubles.audio(560), start: .zero, end: .milliseconds(560))],
                60: [.speechStarted(at: .milliseconds(1_200))],
                70: [.speechEnded(utterance: CallDoubles.audio(400), start: .milliseconds(1_100), end: .milliseconds(1_400))],
            ],
            frames: 80, pace: .milliseconds(20), sttDelay: .milliseconds(10), replies: 2
        )
        #expect(stt.requests == [300, 560, 400])
        #expect(await output.userTranscripts == ["I said 560 milliseconds.", "I said 400 milliseconds."])
    }
}

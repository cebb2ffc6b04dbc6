import Conversation
import Testing

@Suite struct TurnTakingTests {
    private func machine(welcome: Bool = false, interruptible: Bool = true) -> TurnTaking {
        TurnTaking(settings: .init(hasWelcome: welcome, welcomeInterruptible: interruptible,
                                   bargeInSpeech: .milliseconds(300), silenceTimeout: .seconds(10)))
    }

    private func ms(_ value: Int) -> Duration { .milliseconds(value) }

    /// Feeds `events` and answers the actions of each.
    private func run(_ turns: inout TurnTaking, _ events: [(TurnTaking.Event, Int)]) -> [[TurnTaking.Action]] {
        events.map { turns.handle($0.0, at: ms($0.1)) }
    }

    @Test func aWholeTurn() {
        var turns = machine()
        #expect(turns.handle(.started, at: .zero) == [])
        #expect(turns.state == .listening)
        #expect(turns.handle(.speechStarted, at: ms(100)) == [])
        #expect(turns.state == .userSpeaking)
        #expect(turns.handle(.speechEnded, at: ms(1_500)) == [.transcribe])
        #expect(turns.state == .thinking)
        #expect(turns.handle(.transcribed(" What time is it? "), at: ms(1_700)) == [.reply(to: "What time is it?")])
        #expect(turns.handle(.replyAudioStarted, at: ms(2_000)) == [])
        #expect(turns.state == .agentSpeaking(interruptible: true))
        #expect(turns.handle(.agentFinished, at: ms(4_000)) == [])
        #expect(turns.state == .listening)
    }

    @Test func theWelcomeIsSpokenFirst() {
        var turns = machine(welcome: true)
        #expect(turns.handle(.started, at: .zero) == [.speakWelcome])
        #expect(turns.state == .agentSpeaking(interruptible: true))
    }

    @Test func speakingOverTheAgentLongEnoughInterrupts() {
        var turns = machine()
        _ = run(&turns, [(.started, 0), (.speechStarted, 0), (.speechEnded, 1_000), (.transcribed("Hi"), 1_200), (.replyAudioStarted, 1_500)])
        #expect(run(&turns, [(.speechStarted, 2_000), (.speechContinuing, 2_100), (.speechContinuing, 2_299)]) == [[], [], []])
        #expect(turns.handle(.speechContinuing, at: ms(2_300)) == [.interrupt])
        #expect(turns.state == .userSpeaking)
        #expect(turns.handle(.agentFinished, at: ms(2_350)) == [], "the stopped reply's end is stale")
        #expect(turns.handle(.speechEnded, at: ms(3_000)) == [.transcribe])
    }

    @Test func aBackchannelDoesNotInterrupt() {
        var turns = machine()
        _ = run(&turns, [(.started, 0), (.speechStarted, 0), (.speechEnded, 1_000), (.transcribed("Hi"), 1_200), (.replyAudioStarted, 1_500)])
        #expect(run(&turns, [(.speechStarted, 2_000), (.speechContinuing, 2_200), (.speechEnded, 2_250)]) == [[], [], [.discardUtterance]])
        #expect(turns.state == .agentSpeaking(interruptible: true))
        // A later, separate noise counts from its own start.
        #expect(run(&turns, [(.speechStarted, 3_000), (.speechContinuing, 3_200)]) == [[], []])
    }

    @Test func anUninterruptibleWelcomeIsHeardOutThenTheCallerHasTheFloor() {
        var turns = machine(welcome: true, interruptible: false)
        _ = turns.handle(.started, at: .zero)
        #expect(run(&turns, [(.speechStarted, 500), (.speechContinuing, 2_000)]) == [[], []])
        #expect(turns.handle(.agentFinished, at: ms(2_500)) == [])
        #expect(turns.state == .userSpeaking, "the caller is still talking when the welcome ends")
        #expect(turns.handle(.speechEnded, at: ms(3_000)) == [.transcribe])

        var quiet = machine(welcome: true, interruptible: false)
        _ = quiet.handle(.started, at: .zero)
        #expect(run(&quiet, [(.speechStarted, 500), (.speechEnded, 900)]) == [[], [.discardUtterance]])
    }

    @Test func goingOnSpeakingBeforeTheReplyIsHeardMergesTheTurns() {
        var turns = machine()
        _ = run(&turns, [(.started, 0), (.speechStarted, 0), (.speechEnded, 1_000)])
        #expect(turns.handle(.transcribed("I want to book"), at: ms(1_200)) == [.reply(to: "I want to book")])
        #expect(turns.handle(.speechStarted, at: ms(1_300)) == [.cancelReply])
        #expect(turns.handle(.replyAudioStarted, at: ms(1_400)) == [], "the cancelled reply's audio is stale")
        #expect(turns.handle(.speechEnded, at: ms(2_500)) == [.transcribe])
        #expect(turns.handle(.transcribed("a table for two"), at: ms(2_700)) == [.reply(to: "I want to book a table for two")])
    }

    @Test func aTranscriptThatArrivesAfterTheCallerResumedIsKept() {
        var turns = machine()
        _ = run(&turns, [(.started, 0), (.speechStarted, 0), (.speechEnded, 1_000)])
        #expect(turns.handle(.speechStarted, at: ms(1_100)) == [.cancelReply])
        #expect(turns.handle(.transcribed("Hello"), at: ms(1_300)) == [])
        #expect(run(&turns, [(.speechEnded, 2_000), (.transcribed("is anyone there"), 2_200)]) == [[.transcribe], [.reply(to: "Hello is anyone there")]])
    }

    @Test func anEmptyTranscriptGoesBackToListening() {
        var turns = machine()
        _ = run(&turns, [(.started, 0), (.speechStarted, 0), (.speechEnded, 400)])
        #expect(turns.handle(.transcribed("  "), at: ms(600)) == [])
        #expect(turns.state == .listening)
    }

    @Test func silencePromptsOnceThenEndsTheCall() {
        var turns = machine()
        _ = turns.handle(.started, at: .zero)
        #expect(turns.handle(.tick, at: ms(9_999)) == [])
        #expect(turns.handle(.tick, at: ms(10_000)) == [.promptSilence])
        #expect(turns.state == .agentSpeaking(interruptible: true))
        #expect(turns.handle(.agentFinished, at: ms(12_000)) == [])
        #expect(turns.handle(.tick, at: ms(21_999)) == [], "the timeout counts from the end of the prompt")
        #expect(turns.handle(.tick, at: ms(22_000)) == [.endCall])
        #expect(turns.state == .ended)
        #expect(turns.handle(.speechStarted, at: ms(23_000)) == [], "an ended call ignores everything")
    }

    @Test func speakingAfterThePromptStartsTheCountAgain() {
        var turns = machine()
        _ = run(&turns, [(.started, 0), (.tick, 10_000), (.agentFinished, 11_000)])
        _ = run(&turns, [(.speechStarted, 12_000), (.speechEnded, 13_000), (.transcribed("Yes"), 13_200), (.replyAudioStarted, 13_500), (.agentFinished, 15_000)])
        #expect(turns.handle(.tick, at: ms(25_000)) == [.promptSilence], "a second silence is prompted again, not ended")
    }

    @Test func noTimeoutWhileSomeoneHasTheFloor() {
        var turns = machine()
        _ = run(&turns, [(.started, 0), (.speechStarted, 100)])
        #expect(turns.handle(.tick, at: ms(60_000)) == [])
        _ = turns.handle(.speechEnded, at: ms(60_100))
        #expect(turns.handle(.tick, at: ms(120_000)) == [], "thinking")
    }

    @Test func sensitivityMapsToTheSpeechNeededToInterrupt() {
        #expect(TurnTaking.Settings.bargeInSpeech(sensitivity: 1) == .milliseconds(80))
        #expect(TurnTaking.Settings.bargeInSpeech(sensitivity: 0.5) == .milliseconds(280))
        #expect(TurnTaking.Settings.bargeInSpeech(sensitivity: 0) == .milliseconds(480))
        #expect(TurnTaking.Settings.bargeInSpeech(sensitivity: 7) == .milliseconds(80))
    }
}

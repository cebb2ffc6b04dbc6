import Conversation
import Testing

@Suite struct TurnTakingTests {
    private func machine(welcome: Bool = false, interruptible: Bool = true) -> TurnTaking {
        TurnTaking(settings: .init(hasWelcome: welcome, welcomeInterruptible: interruptible,
                                   silenceThreshold: .milliseconds(600), silenceTimeout: .seconds(10)))
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
        #expect(turns.handle(.speechEnded(endedAt: ms(1_300)), at: ms(1_500)) == [.transcribe])
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

    /// A caller who asked something and is hearing the reply.
    private func hearingAReply() -> TurnTaking {
        var turns = machine()
        _ = run(&turns, [(.started, 0), (.speechStarted, 0), (.speechEnded(endedAt: ms(1_000)), 1_000), (.transcribed("Hi."), 1_200), (.replyAudioStarted, 1_500)])
        return turns
    }

    @Test func anOnsetOverTheAgentInterrupts() {
        var turns = hearingAReply()
        #expect(turns.state == .agentSpeaking(interruptible: true))
        #expect(turns.handle(.speechOnset, at: ms(2_300)) == [.interrupt])
        #expect(turns.state == .userSpeaking)
        #expect(turns.handle(.agentFinished, at: ms(2_350)) == [], "the stopped reply's end is stale")
        #expect(turns.handle(.speechStarted, at: ms(2_400)) == [])
        #expect(turns.handle(.speechEnded(endedAt: ms(3_000)), at: ms(3_200)) == [.transcribe])
    }

    @Test func speechOverTheAgentWithoutAnOnsetIsABackchannel() {
        var turns = hearingAReply()
        #expect(run(&turns, [(.speechStarted, 2_000), (.speechEnded(endedAt: ms(2_250)), 2_450)]) == [[], [.discardUtterance]])
        #expect(turns.state == .agentSpeaking(interruptible: true))
        #expect(turns.handle(.agentFinished, at: ms(3_000)) == [])
        #expect(turns.state == .listening)
    }

    @Test func anOnsetNeverConfirmedAsSpeechGivesTheFloorBack() {
        var turns = hearingAReply()
        #expect(turns.handle(.speechOnset, at: ms(2_000)) == [.interrupt])
        #expect(turns.handle(.tick, at: ms(2_799)) == [])
        #expect(turns.handle(.tick, at: ms(2_800)) == [])
        #expect(turns.state == .listening)
        #expect(turns.handle(.tick, at: ms(12_799)) == [], "the silence timeout counts from then")
        #expect(turns.handle(.tick, at: ms(12_800)) == [.promptSilence])
    }

    @Test func onsetsOnlyMatterWhileTheAgentMayBeInterrupted() {
        var listening = machine()
        _ = listening.handle(.started, at: .zero)
        #expect(listening.handle(.speechOnset, at: ms(100)) == [])
        #expect(listening.state == .listening)

        var welcome = machine(welcome: true, interruptible: false)
        _ = welcome.handle(.started, at: .zero)
        #expect(welcome.handle(.speechOnset, at: ms(500)) == [])
        #expect(welcome.state == .agentSpeaking(interruptible: false))
    }

    @Test func anUninterruptibleWelcomeIsHeardOutThenTheCallerHasTheFloor() {
        var turns = machine(welcome: true, interruptible: false)
        _ = turns.handle(.started, at: .zero)
        #expect(turns.handle(.speechStarted, at: ms(500)) == [])
        #expect(turns.handle(.agentFinished, at: ms(2_500)) == [])
        #expect(turns.state == .userSpeaking, "the caller is still talking when the welcome ends")
        #expect(turns.handle(.speechEnded(endedAt: ms(3_000)), at: ms(3_000)) == [.transcribe])

        var quiet = machine(welcome: true, interruptible: false)
        _ = quiet.handle(.started, at: .zero)
        #expect(run(&quiet, [(.speechStarted, 500), (.speechEnded(endedAt: ms(900)), 900)]) == [[], [.discardUtterance]])
    }

    @Test func aFinishedSentenceIsAnsweredAtOnceAnUnfinishedOneAfterTheThreshold() {
        var finished = machine()
        _ = run(&finished, [(.started, 0), (.speechStarted, 0), (.speechEnded(endedAt: ms(1_000)), 1_200)])
        #expect(finished.handle(.transcribed("What time is it?"), at: ms(1_350)) == [.reply(to: "What time is it?")])

        var unfinished = machine()
        _ = run(&unfinished, [(.started, 0), (.speechStarted, 0), (.speechEnded(endedAt: ms(1_000)), 1_200)])
        #expect(unfinished.handle(.transcribed("I would like to"), at: ms(1_350)) == [])
        #expect(unfinished.state == .thinking)
        #expect(unfinished.handle(.tick, at: ms(1_599)) == [])
        #expect(unfinished.handle(.tick, at: ms(1_600)) == [.reply(to: "I would like to")], "600 ms after the speech ended")
        #expect(unfinished.handle(.tick, at: ms(1_700)) == [], "answered once")
    }

    @Test func aHeldTurnGoesOnWhenTheCallerDoes() {
        var turns = machine()
        _ = run(&turns, [(.started, 0), (.speechStarted, 0), (.speechEnded(endedAt: ms(1_000)), 1_200)])
        #expect(turns.handle(.transcribed("I want to book and"), at: ms(1_300)) == [])
        #expect(turns.handle(.speechStarted, at: ms(1_400)) == [], "nothing was asked of the model yet")
        #expect(turns.handle(.speechEnded(endedAt: ms(2_500)), at: ms(2_700)) == [.transcribe])
        #expect(turns.handle(.transcribed("a table for two."), at: ms(2_800)) == [.reply(to: "I want to book and a table for two.")])
    }

    @Test func goingOnSpeakingBeforeTheReplyIsHeardMergesTheTurns() {
        var turns = machine()
        _ = run(&turns, [(.started, 0), (.speechStarted, 0), (.speechEnded(endedAt: ms(1_000)), 1_000)])
        #expect(turns.handle(.transcribed("I want to book."), at: ms(1_200)) == [.reply(to: "I want to book.")])
        #expect(turns.handle(.speechStarted, at: ms(1_300)) == [.cancelReply])
        #expect(turns.handle(.replyAudioStarted, at: ms(1_400)) == [], "the cancelled reply's audio is stale")
        #expect(turns.handle(.speechEnded(endedAt: ms(2_500)), at: ms(2_500)) == [.transcribe])
        #expect(turns.handle(.transcribed("A table for two."), at: ms(2_700)) == [.reply(to: "I want to book. A table for two.")])
    }

    @Test func aTranscriptThatArrivesAfterTheCallerResumedIsKept() {
        var turns = machine()
        _ = run(&turns, [(.started, 0), (.speechStarted, 0), (.speechEnded(endedAt: ms(1_000)), 1_000)])
        #expect(turns.handle(.speechStarted, at: ms(1_100)) == [])
        #expect(turns.handle(.transcribed("Hello."), at: ms(1_300)) == [])
        #expect(run(&turns, [(.speechEnded(endedAt: ms(2_000)), 2_000), (.transcribed("Is anyone there?"), 2_200)]) == [[.transcribe], [.reply(to: "Hello. Is anyone there?")]])
    }

    @Test func aReplyWithNothingToSayGivesTheFloorBack() {
        var turns = machine()
        _ = run(&turns, [(.started, 0), (.speechStarted, 0), (.speechEnded(endedAt: ms(1_000)), 1_000), (.transcribed("Hi."), 1_200)])
        #expect(turns.handle(.replyFailed, at: ms(1_500)) == [])
        #expect(turns.state == .listening)
    }

    @Test func anEmptyTranscriptGoesBackToListening() {
        var turns = machine()
        _ = run(&turns, [(.started, 0), (.speechStarted, 0), (.speechEnded(endedAt: ms(400)), 400)])
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
        _ = run(&turns, [(.speechStarted, 12_000), (.speechEnded(endedAt: ms(13_000)), 13_000), (.transcribed("Yes."), 13_200), (.replyAudioStarted, 13_500), (.agentFinished, 15_000)])
        #expect(turns.handle(.tick, at: ms(25_000)) == [.promptSilence], "a second silence is prompted again, not ended")
    }

    @Test func noTimeoutWhileSomeoneHasTheFloor() {
        var turns = machine()
        _ = run(&turns, [(.started, 0), (.speechStarted, 100)])
        #expect(turns.handle(.tick, at: ms(60_000)) == [])
        _ = turns.handle(.speechEnded(endedAt: ms(60_100)), at: ms(60_100))
        #expect(turns.handle(.tick, at: ms(120_000)) == [], "thinking")
    }

    @Test func theNextDeadlineIsWhenATickNextActs() {
        var turns = machine()
        _ = turns.handle(.started, at: .zero)
        #expect(turns.nextDeadline == ms(10_000), "the silence timeout")
        _ = turns.handle(.speechStarted, at: ms(500))
        #expect(turns.nextDeadline == nil, "nothing is timed while the caller speaks")
        _ = turns.handle(.speechEnded(endedAt: ms(1_000)), at: ms(1_200))
        #expect(turns.nextDeadline == nil, "no transcript to hold yet")
        _ = turns.handle(.transcribed("I would like to"), at: ms(1_350))
        #expect(turns.nextDeadline == ms(1_600), "a held turn, until the silence threshold")
        #expect(turns.handle(.tick, at: ms(1_599)) == [])
        #expect(turns.handle(.tick, at: ms(1_600)) == [.reply(to: "I would like to")])
        #expect(turns.nextDeadline == nil, "the reply is on its way")
        _ = turns.handle(.replyAudioStarted, at: ms(2_000))
        #expect(turns.nextDeadline == nil, "the agent speaks")
        _ = turns.handle(.speechOnset, at: ms(2_500))
        #expect(turns.nextDeadline == ms(3_300), "an onset not yet confirmed as speech")
        #expect(turns.handle(.tick, at: ms(3_299)) == [])
        _ = turns.handle(.tick, at: ms(3_300))
        #expect(turns.state == .listening)
        #expect(turns.nextDeadline == ms(13_300), "the silence timeout, from when the floor fell silent")

        var ended = machine()
        _ = run(&ended, [(.started, 0), (.tick, 10_000), (.agentFinished, 11_000), (.tick, 21_000)])
        #expect(ended.state == .ended)
        #expect(ended.nextDeadline == nil)
    }
}

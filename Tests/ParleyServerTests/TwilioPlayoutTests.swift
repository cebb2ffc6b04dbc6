@testable import ParleyServer
import Testing

/// The pacing of the agent's speech to Twilio, on a clock the tests move.
@Suite struct TwilioPlayoutTests {
    private let start = ContinuousClock.now
    private let frame = TwilioPlayout.frameDuration

    private func frames(_ count: Int, first: UInt8 = 0) -> [[UInt8]] {
        (0..<count).map { [first &+ UInt8($0)] }
    }

    private func media(_ messages: [TwilioPlayout.Message]) -> Int {
        messages.count { if case .media = $0 { true } else { false } }
    }

    @Test func aPieceGoesOutALeadAheadThenOneFrameEveryTwentyMilliseconds() {
        var playout = TwilioPlayout(leadFrames: 5)
        playout.queue(frames(8), mark: "1")
        let first = playout.next(at: start)
        #expect(first.messages == frames(5).map(TwilioPlayout.Message.media), "the lead goes at once")
        #expect(first.wake == .at(start + frame))

        let second = playout.next(at: start + frame)
        #expect(second.messages == [.media([5])])
        #expect(second.wake == .at(start + frame * 2))
        // Woken late: only what is due by then, never more than the lead ahead.
        let late = playout.next(at: start + frame * 3 + .milliseconds(5))
        #expect(late.messages == [.media([6]), .media([7]), .mark("1")], "the mark follows the piece's last frame")
        #expect(late.wake == .whenQueued)
    }

    @Test func aWakeBeforeItsTimeSendsNothing() {
        var playout = TwilioPlayout(leadFrames: 2)
        playout.queue(frames(4), mark: "1")
        _ = playout.next(at: start)
        let early = playout.next(at: start + .milliseconds(19))
        #expect(early.messages.isEmpty)
        #expect(early.wake == .at(start + frame))
    }

    @Test func piecesBackToBackKeepTheClock() {
        var playout = TwilioPlayout(leadFrames: 2)
        playout.queue(frames(3), mark: "1")
        _ = playout.next(at: start)
        playout.queue(frames(3, first: 10), mark: "2")
        let next = playout.next(at: start + frame)
        #expect(next.messages == [.media([2]), .mark("1")], "the second piece waits its turn, not a second lead")
        #expect(next.wake == .at(start + frame * 2))
        #expect(playout.next(at: start + frame * 2).messages == [.media([10])])
    }

    @Test func afterASilenceTheClockStartsAgainWithoutABurst() {
        var playout = TwilioPlayout(leadFrames: 2)
        playout.queue(frames(1), mark: "1")
        _ = playout.next(at: start)
        playout.queue(frames(6, first: 10), mark: "2")
        let later = start + .seconds(5)
        let resumed = playout.next(at: later)
        #expect(media(resumed.messages) == 2, "the lead again, not five seconds of catching up")
        #expect(resumed.wake == .at(later + frame))
    }

    @Test func aBargeInClearsTwilioAndWhatIsQueued() {
        var playout = TwilioPlayout(leadFrames: 3)
        playout.queue(frames(50), mark: "1")
        _ = playout.next(at: start)
        _ = playout.next(at: start + frame)
        playout.clear()
        let cleared = playout.next(at: start + frame + .milliseconds(7))
        #expect(cleared.messages == [.clear], "no frame or mark of the cleared piece follows")
        #expect(cleared.wake == .whenQueued)

        // What the agent says next starts a fresh clock: Twilio holds nothing.
        playout.queue(frames(4, first: 100), mark: "2")
        let now = start + frame * 2
        let next = playout.next(at: now)
        #expect(next.messages == frames(3, first: 100).map(TwilioPlayout.Message.media))
        #expect(next.wake == .at(now + frame))
    }

    @Test func afterTheCallEndsWhatWasSaidIsStillSentThenNothing() {
        var playout = TwilioPlayout(leadFrames: 1)
        playout.queue(frames(2), mark: "1")
        playout.finish()
        let first = playout.next(at: start)
        #expect(first.messages == [.media([0])])
        #expect(first.wake == .at(start + frame))
        let last = playout.next(at: start + frame)
        #expect(last.messages == [.media([1]), .mark("1")])
        #expect(last.wake == .never)
    }
}

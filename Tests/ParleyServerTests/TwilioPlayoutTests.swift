@testable import ParleyServer
import Testing

/// The pacing of the agent's speech to Twilio, on a clock the tests move.
@Suite struct TwilioPlayoutTests {
    private let start = ContinuousClock.now
    private let frame = TwilioPlayout.frameDuration

    private func frames(_ count: Int, first: UInt8 = 0) -> [[UInt8]] {
        (0..<count).map { [first &+ UInt8($0)] }
    }

    /// What the playout gives at `now`, written at once (as ``TwilioStreamOutput`` does).
    private func step(_ playout: inout TwilioPlayout, at now: ContinuousClock.Instant) -> (messages: [TwilioPlayout.Message], wake: TwilioPlayout.Wake) {
        guard let next = playout.next(at: now) else { return ([], .whenQueued) }
        if !next.messages.isEmpty { #expect(playout.doneWriting() == false) }
        return next
    }

    private func media(_ messages: [TwilioPlayout.Message]) -> Int {
        messages.count { if case .media = $0 { true } else { false } }
    }

    @Test func aPieceGoesOutALeadAheadThenOneFrameEveryTwentyMilliseconds() {
        var playout = TwilioPlayout(leadFrames: 5, batchFrames: 1)
        playout.queue(frames(8), mark: "1")
        let first = step(&playout, at: start)
        #expect(first.messages == frames(5).map(TwilioPlayout.Message.media), "the lead goes at once")
        #expect(first.wake == .at(start + frame))

        let second = step(&playout, at: start + frame)
        #expect(second.messages == [.media([5])])
        #expect(second.wake == .at(start + frame * 2))
        // Woken late: only what is due by then, never more than the lead ahead.
        let late = step(&playout, at: start + frame * 3 + .milliseconds(5))
        #expect(late.messages == [.media([6]), .media([7]), .mark("1")], "the mark follows the piece's last frame")
        #expect(late.wake == .whenQueued)
    }

    @Test func eachWakeUpSendsABatchOfFrames() {
        var playout = TwilioPlayout(leadFrames: 6, batchFrames: 3)
        playout.queue(frames(20), mark: "1")
        let first = step(&playout, at: start)
        #expect(media(first.messages) == 6)
        #expect(first.wake == .at(start + frame * 3), "back when three frames are due, not one")
        let second = step(&playout, at: start + frame * 3)
        #expect(second.messages == [.media([6]), .media([7]), .media([8])])
        #expect(second.wake == .at(start + frame * 6))
    }

    @Test func aWakeBeforeItsTimeSendsNothing() {
        var playout = TwilioPlayout(leadFrames: 2, batchFrames: 1)
        playout.queue(frames(4), mark: "1")
        _ = step(&playout, at: start)
        let early = step(&playout, at: start + .milliseconds(19))
        #expect(early.messages.isEmpty)
        #expect(early.wake == .at(start + frame))
    }

    @Test func piecesBackToBackKeepTheClock() {
        var playout = TwilioPlayout(leadFrames: 2, batchFrames: 1)
        playout.queue(frames(3), mark: "1")
        _ = step(&playout, at: start)
        playout.queue(frames(3, first: 10), mark: "2")
        let next = step(&playout, at: start + frame)
        #expect(next.messages == [.media([2]), .mark("1")], "the second piece waits its turn, not a second lead")
        #expect(next.wake == .at(start + frame * 2))
        #expect(step(&playout, at: start + frame * 2).messages == [.media([10])])
    }

    @Test func afterASilenceTheClockStartsAgainWithoutABurst() {
        var playout = TwilioPlayout(leadFrames: 2, batchFrames: 1)
        playout.queue(frames(1), mark: "1")
        _ = step(&playout, at: start)
        playout.queue(frames(6, first: 10), mark: "2")
        let later = start + .seconds(5)
        let resumed = step(&playout, at: later)
        #expect(media(resumed.messages) == 2, "the lead again, not five seconds of catching up")
        #expect(resumed.wake == .at(later + frame))
    }

    @Test func aBargeInClearsTwilioAndWhatIsQueued() {
        var playout = TwilioPlayout(leadFrames: 3, batchFrames: 1)
        playout.queue(frames(50), mark: "1")
        _ = step(&playout, at: start)
        _ = step(&playout, at: start + frame)
        let clearsAtOnce = playout.clear()
        #expect(clearsAtOnce, "nothing is being written: the clear goes at once")
        #expect(playout.next(at: start + frame) == nil, "no frame while the clear is written")
        #expect(playout.doneWriting() == false)
        let after = step(&playout, at: start + frame + .milliseconds(7))
        #expect(after.messages.isEmpty, "no frame or mark of the cleared piece follows")
        #expect(after.wake == .whenQueued)

        // What the agent says next starts a fresh clock: Twilio holds nothing.
        playout.queue(frames(4, first: 100), mark: "2")
        let now = start + frame * 2
        let next = step(&playout, at: now)
        #expect(next.messages == frames(3, first: 100).map(TwilioPlayout.Message.media))
        #expect(next.wake == .at(now + frame))
    }

    @Test func aBargeInDuringAWriteIsClearedRightAfterIt() {
        var playout = TwilioPlayout(leadFrames: 3, batchFrames: 1)
        playout.queue(frames(50), mark: "1")
        #expect(playout.next(at: start)?.messages.count == 3)
        #expect(playout.clear() == false, "the frames' writer sends it")
        let clearsNext = playout.doneWriting()
        #expect(clearsNext, "straight after the frames")
        #expect(playout.doneWriting() == false)
        #expect(step(&playout, at: start + frame).messages.isEmpty)
    }

    @Test func afterTheCallEndsWhatWasSaidIsStillSentThenNothing() {
        var playout = TwilioPlayout(leadFrames: 1, batchFrames: 1)
        playout.queue(frames(2), mark: "1")
        playout.finish()
        let first = step(&playout, at: start)
        #expect(first.messages == [.media([0])])
        #expect(first.wake == .at(start + frame))
        let last = step(&playout, at: start + frame)
        #expect(last.messages == [.media([1]), .mark("1")])
        #expect(last.wake == .never)
    }
}

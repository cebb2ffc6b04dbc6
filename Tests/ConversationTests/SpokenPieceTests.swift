import Conversation
import Testing

@Suite struct SpokenPieceTests {
    private let pieces = [
        SpokenPiece(text: "The capital of France", startsAt: .seconds(1), duration: .seconds(1)),
        SpokenPiece(text: "is Paris, a lovely city.", startsAt: .seconds(2), duration: .seconds(2)),
    ]

    @Test func whatWasHeardIsWhatPlayed() {
        #expect(SpokenPiece.heard(pieces, by: .milliseconds(500)) == "")
        #expect(SpokenPiece.heard(pieces, by: .milliseconds(1_500)) == "The capital")
        #expect(SpokenPiece.heard(pieces, by: .seconds(2)) == "The capital of France")
        #expect(SpokenPiece.heard(pieces, by: .seconds(3)) == "The capital of France is Paris,")
        #expect(SpokenPiece.heard(pieces, by: .seconds(10)) == "The capital of France is Paris, a lovely city.")
    }
}

@Suite struct RescheduledPiecesTests {
    let sent = [
        SpokenPiece(text: "one", startsAt: .seconds(1), duration: .seconds(1)),
        SpokenPiece(text: "two", startsAt: .seconds(2), duration: .seconds(1)),
        SpokenPiece(text: "three", startsAt: .seconds(3), duration: .seconds(1)),
    ]

    @Test func aLateMarkPushesTheRestBack() {
        // The first piece played out at 2.5 s, half a second later than sent.
        let played = SpokenPiece.rescheduled(sent, playedThrough: 0, at: .milliseconds(2_500))
        #expect(played.map(\.startsAt) == [.seconds(1), .milliseconds(2_500), .milliseconds(3_500)])
        #expect(SpokenPiece.heard(played, by: .seconds(3)) == "one", "\"two\" had only begun")
        #expect(SpokenPiece.heard(sent, by: .seconds(3)) == "one two", "by the clock alone")
    }

    @Test func aMarkOnTimeOrOfEarlierSpeechChangesWhatItMust() {
        #expect(SpokenPiece.rescheduled(sent, playedThrough: 1, at: .seconds(3)) == sent, "on time")
        #expect(SpokenPiece.rescheduled(sent, playedThrough: 2, at: .seconds(4)) == sent, "the last one")
        #expect(SpokenPiece.rescheduled(sent, playedThrough: 5, at: .seconds(9)) == sent, "not one of these")
        // The speech before ended at 1.5 s: this one's first piece started then.
        let after = SpokenPiece.rescheduled(sent, playedThrough: -1, at: .milliseconds(1_500))
        #expect(after.map(\.startsAt) == [.milliseconds(1_500), .milliseconds(2_500), .milliseconds(3_500)])
    }
}

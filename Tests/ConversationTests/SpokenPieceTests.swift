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

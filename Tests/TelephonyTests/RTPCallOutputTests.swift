import Audio
import Foundation
import Logging
@testable import Telephony
import Testing

/// What the RTP clock takes from a call's speech: 20 ms frames, silence between, and the last
/// words played out after the call ends.
@Suite struct RTPCallOutputTests {
    private let output = RTPCallOutput(codec: .pcmu, logger: Logger(label: "test"))
    private let silence = [UInt8](repeating: 0xFF, count: 160)

    /// 50 ms of a tone at 8 kHz: two whole frames and a padded one.
    private var speech: PCMAudio {
        PCMAudio(samples: (0..<400).map { Float(0.3 * sin(Double($0) * 0.3)) }, sampleRate: 8_000)
    }

    @Test func speechIsCutInFramesWithSilenceWhenThereIsNone() async throws {
        #expect(output.nextFrame() == silence)
        try await output.send(.speech(speech))
        let frames = (0..<3).compactMap { _ in output.nextFrame() }
        #expect(frames.count == 3 && frames.allSatisfy { $0.count == 160 })
        #expect(frames[2].suffix(80) == silence.suffix(80), "the last is padded with silence")
        #expect(output.nextFrame() == silence)
    }

    @Test func aBargeInDropsWhatIsQueued() async throws {
        try await output.send(.speech(speech))
        try await output.send(.speechStopped)
        #expect(output.nextFrame() == silence)
    }

    @Test func afterTheCallEndsItsLastWordsStillPlayThenNothing() async throws {
        try await output.send(.speech(speech))
        output.finish()
        #expect((0..<3).compactMap { _ in output.nextFrame() }.count == 3)
        #expect(output.nextFrame() == nil)
    }
}

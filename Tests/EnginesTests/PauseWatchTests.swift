import Audio
@testable import Engines
import Foundation
import Testing

@Suite struct PauseWatchTests {
    private static let rate = 16_000

    private static func tone(_ milliseconds: Int, amplitude: Float = 0.5) -> [Float] {
        (0..<milliseconds * 16).map { (index: Int) -> Float in
            let phase = 2 * Double.pi * 200 * Double(index) / Double(rate)
            return amplitude * Float(sin(phase))
        }
    }

    private static func quiet(_ milliseconds: Int) -> [Float] {
        tone(milliseconds, amplitude: 0.001)
    }

    /// Feeds `audio` in 20 ms frames, the detector hearing speech from `speechFrom` (ms) on and
    /// until `speechUntil`; answers each event with the millisecond it was reported at.
    private static func watch(
        _ audio: [Float], speechFrom: Int, speechUntil: Int = .max, pause: Duration = .milliseconds(100)
    ) -> [(at: Int, event: VoiceActivityEvent)] {
        var watch = PauseWatch(sampleRate: rate, pauseLength: pause, preRoll: .milliseconds(500))
        var events: [(Int, VoiceActivityEvent)] = []
        for start in stride(from: 0, to: audio.count, by: 320) {
            let end = min(audio.count, start + 320)
            let ms = end / 16
            for event in watch.accept(Array(audio[start..<end]), speaking: ms >= speechFrom && ms < speechUntil) {
                events.append((ms, event))
            }
        }
        return events
    }

    private static func ms(_ duration: Duration) -> Int { Int(duration / .milliseconds(1)) }

    @Test func reportsAPauseWithTheSpeechSoFar() throws {
        // Quiet, 600 ms of speech (confirmed by the detector 300 ms in), then quiet.
        let events = Self.watch(Self.quiet(400) + Self.tone(600) + Self.quiet(400), speechFrom: 700)
        try #require(events.count == 1, "\(events.map(\.event))")
        guard case .speechPaused(let utterance, let start, let end) = events[0].event else {
            Issue.record("not a pause: \(events[0].event)")
            return
        }
        #expect(Self.ms(end) == 1_000, "the speech ends at 1000 ms")
        #expect((1_100...1_120).contains(events[0].at), "reported 100 ms after the speech, at \(events[0].at)")
        #expect(Self.ms(start) <= 400, "the pre-roll reaches back before the speech (\(Self.ms(start)))")
        #expect(utterance.samples.count == (Self.ms(end) - Self.ms(start)) * 16)
        #expect(utterance.samples.suffix(160).contains { abs($0) > 0.1 }, "it ends on the speech")
    }

    @Test func aShortGapIsNoPauseAndSpeakingOnResumes() {
        let audio = Self.quiet(200) + Self.tone(500) + Self.quiet(60) + Self.tone(300) + Self.quiet(150) + Self.tone(300) + Self.quiet(50)
        let events = Self.watch(audio, speechFrom: 500)
        let kinds = events.map { entry -> String in
            switch entry.event {
            case .speechPaused(_, _, let end): "paused@\(Self.ms(end))"
            case .speechResumed(let at): "resumed@\(Self.ms(at))"
            default: "other"
            }
        }
        // The 60 ms gap is not a pause; the 150 ms one is, until the caller speaks on at 1210 ms.
        #expect(kinds == ["paused@1060", "resumed@1210"])
    }

    @Test func aNewUtteranceHoldsNoneOfTheLastOne() throws {
        // The detector hears the first tone (200–700 ms) from 500 ms and ends it at 900 ms; it
        // hears the second (1600–2100 ms) from 1900 ms.
        let audio = Self.quiet(200) + Self.tone(500) + Self.quiet(900) + Self.tone(500) + Self.quiet(300)
        var watch = PauseWatch(sampleRate: Self.rate, pauseLength: .milliseconds(100), preRoll: .milliseconds(300))
        var pauses: [(start: Int, end: Int, samples: Int)] = []
        for start in stride(from: 0, to: audio.count, by: 320) {
            let end = min(audio.count, start + 320)
            let ms = end / 16
            let speaking = (500..<900).contains(ms) || ms >= 1_900
            for case .speechPaused(let utterance, let begin, let finish) in watch.accept(Array(audio[start..<end]), speaking: speaking) {
                pauses.append((Self.ms(begin), Self.ms(finish), utterance.samples.count))
            }
        }
        try #require(pauses.count == 2, "\(pauses)")
        #expect(pauses[0].end == 700 && pauses[1].end == 2_100)
        #expect(pauses[1].start >= 700, "the second begins after the first's speech (\(pauses[1].start) ms)")
        #expect(pauses[1].samples == (pauses[1].end - pauses[1].start) * 16)
    }

    @Test func timesGoOnAfterAReset() throws {
        var watch = PauseWatch(sampleRate: Self.rate, pauseLength: .milliseconds(100), preRoll: .milliseconds(300))
        _ = watch.accept(Self.quiet(1_000), speaking: false)
        watch.reset()
        var events: [VoiceActivityEvent] = []
        let audio = Self.tone(400) + Self.quiet(200)
        for start in stride(from: 0, to: audio.count, by: 320) {
            events += watch.accept(Array(audio[start..<min(audio.count, start + 320)]), speaking: start >= 3_200)
        }
        guard case .speechPaused(_, _, let end)? = events.first else {
            Issue.record("no pause: \(events)")
            return
        }
        #expect(Self.ms(end) == 1_400, "the stream's time, not the time since the reset")
    }
}

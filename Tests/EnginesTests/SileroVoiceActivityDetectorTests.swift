import Audio
import Engines
import Foundation
import TestSupport
import Testing

/// Silero VAD on a made-up recording whose speech spans are known.
@Suite(.enabled(if: LocalEngines.vadAvailable, "needs silero_vad.onnx from scripts/install-engines.sh"))
struct SileroVoiceActivityDetectorTests {
    /// One second of silence, speech, one second of silence, speech, one second of silence; with
    /// where each piece of speech begins and ends (first and last sample that is not silence: espeak-ng pads with digital silence).
    static func recording() throws -> (audio: [Float], truth: [(start: Duration, end: Duration)]) {
        let silence = [Float](repeating: 0, count: 16_000)
        var audio = silence
        var truth: [(Duration, Duration)] = []
        for sentence in ["Good morning, I would like to book a table.", "Thank you very much."] {
            let speech = try WAVFile.read(try LocalEngines.espeakWAV(sentence)).samples
            let first = speech.firstIndex { abs($0) > 0.001 }!
            let last = speech.lastIndex { abs($0) > 0.001 }!
            truth.append((time(audio.count + first), time(audio.count + last)))
            audio += speech + silence
        }
        return (audio, truth)
    }

    static func time(_ sample: Int) -> Duration { .nanoseconds(Int64(sample) * 62_500) }

    @Test func findsEachUtteranceWithin100ms() throws {
        let (audio, truth) = try Self.recording()
        let detector = try SileroVoiceActivityDetector(configuration: .init(modelPath: LocalEngines.sileroVAD))
        let stream = try detector.makeStream()
        var events: [VoiceActivityEvent] = []
        // 20 ms frames, as a call delivers them.
        for start in stride(from: 0, to: audio.count, by: 320) {
            events += stream.accept(Array(audio[start..<min(start + 320, audio.count)]))
        }
        events += stream.flush()

        let utterances = events.compactMap { event -> (Duration, Duration)? in
            if case .speechEnded(_, let start, let end) = event { return (start, end) }
            return nil
        }
        try #require(utterances.count == 2, "events: \(events.count)")
        for (found, expected) in zip(utterances, truth) {
            #expect(abs((found.0 - expected.start) / .milliseconds(1)) <= 100, "start \(found.0) vs \(expected.start)")
            #expect(abs((found.1 - expected.end) / .milliseconds(1)) <= 100, "end \(found.1) vs \(expected.end)")
        }
        let starts = events.filter { if case .speechStarted = $0 { true } else { false } }
        #expect(starts.count == 2, "each utterance is announced once as it begins")
        #expect(!events.contains { if case .speechOnset = $0 { true } else { false } }, "onsets only when asked for")
    }

    @Test func noticesSpeechEarlyEnoughToStopTheAgent() throws {
        let (audio, truth) = try Self.recording()
        let stream = try SileroVoiceActivityDetector(configuration: .init(modelPath: LocalEngines.sileroVAD)).makeStream()
        try stream.watchForOnsets(true)
        var onsets: [Duration] = []
        var starts: [Duration] = []
        for start in stride(from: 0, to: audio.count, by: 320) {
            for event in stream.accept(Array(audio[start..<min(start + 320, audio.count)])) {
                switch event {
                case .speechOnset(let at): onsets.append(at)
                case .speechStarted(let at): starts.append(at)
                case .speechPaused, .speechResumed, .speechEnded: break
                }
            }
        }
        try #require(onsets.count == 2 && starts.count == 2, "onsets \(onsets), starts \(starts)")
        for ((onset, start), expected) in zip(zip(onsets, starts), truth) {
            // Reported when noticed: the time from the real start of speech is the latency.
            #expect(onset - expected.start <= .milliseconds(150), "onset \(onset) vs \(expected.start)")
            #expect(onset < start, "the onset comes before the confirmed start (\(start))")
        }
    }

    @Test func reportsThePauseThatEndsEachUtteranceWellBeforeItEnds() throws {
        let (audio, truth) = try Self.recording()
        let stream = try SileroVoiceActivityDetector(configuration: .init(modelPath: LocalEngines.sileroVAD)).makeStream()
        // The latest pause not yet outrun by more speech: when it was reported, and where it ended.
        var pause: (reported: Duration, end: Duration, samples: Int)?
        var checked = 0
        for start in stride(from: 0, to: audio.count, by: 320) {
            let reported = Self.time(min(start + 320, audio.count))
            for event in stream.accept(Array(audio[start..<min(start + 320, audio.count)])) {
                switch event {
                case .speechPaused(let utterance, _, let end): pause = (reported, end, utterance.samples.count)
                case .speechResumed: pause = nil
                case .speechEnded(_, _, let end):
                    let expected = truth[checked]
                    checked += 1
                    guard let pause else {
                        Issue.record("utterance \(checked) ended at \(end) without a pause before it")
                        continue
                    }
                    #expect(reported - pause.reported >= .milliseconds(150), "paused at \(pause.reported), ended at \(reported)")
                    #expect(abs((pause.end - expected.end) / .milliseconds(1)) <= 100, "pause at \(pause.end) vs \(expected.end)")
                    #expect(pause.samples >= Int((expected.end - expected.start) / .seconds(1) * 16_000), "the whole utterance")
                case .speechStarted, .speechOnset:
                    pause = nil
                }
            }
        }
        #expect(checked == 2)
    }

    @Test func aMissingModelIsATypedError() throws {
        #expect(throws: EngineError.missingFile("/nonexistent/silero_vad.onnx")) {
            try SileroVoiceActivityDetector(configuration: .init(modelPath: "/nonexistent/silero_vad.onnx"))
        }
    }
}

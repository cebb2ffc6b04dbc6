import Audio
import CEspeakNG
import Synchronization

/// The process's one espeak-ng. The library keeps its voice, rate and output in globals, so every
/// use holds one lock; each use is short (phonemes for a sentence, or a synthesis at RTF ~0.002).
enum EspeakNG {
    private struct State {
        let sampleRate: Int
        var voice: String?
        var wordsPerMinute: Int32?
    }

    private static let state = Mutex<State?>(nil)

    /// espeak-ng's own phonemes (IPA) for `text` in `voice`'s language, one string per clause.
    /// espeak-ng drops the clause punctuation; the caller knows it and adds it back.
    static func phonemes(_ text: String, voice: String) throws(EngineError) -> [String] {
        try withVoice(voice, wordsPerMinute: nil) { _ in
            var clauses: [String] = []
            text.withCString { base in
                var cursor: UnsafeRawPointer? = UnsafeRawPointer(base)
                while let position = cursor, position.load(as: CChar.self) != 0,
                      let clause = espeak_TextToPhonemes(&cursor, espeakCHARS_UTF8, espeakPHONEMES_IPA) {
                    let phonemes = String(cString: clause).trimmingCharacters(in: .whitespaces)
                    if !phonemes.isEmpty { clauses.append(phonemes) }
                }
            }
            return clauses
        }
    }

    /// Checks that espeak-ng starts and has `voice`; answers the rate of its audio (22,050 Hz).
    static func prepare(voice: String) throws(EngineError) -> Int {
        try withVoice(voice, wordsPerMinute: nil) { $0 }
    }

    /// `text` spoken by espeak-ng's own formant synthesiser.
    static func speech(_ text: String, voice: String, wordsPerMinute: Int32, cancelled: CancellationFlag) throws(EngineError) -> PCMAudio {
        try withVoice(voice, wordsPerMinute: wordsPerMinute) { sampleRate throws(EngineError) in
            let collector = SampleCollector(cancelled: cancelled)
            let status = withExtendedLifetime(collector) {
                text.withCString { characters in
                    espeak_Synth(characters, text.utf8.count + 1, 0, POS_CHARACTER, 0, UInt32(espeakCHARS_UTF8), nil,
                                 Unmanaged.passUnretained(collector).toOpaque())
                }
            }
            guard status == EE_OK else { throw .engineFailed("espeak_Synth returned \(status.rawValue)") }
            return PCMAudio(samples: collector.samples, sampleRate: sampleRate)
        }
    }

    /// Runs `body` with the library initialised and `voice` selected, under the lock; `body`
    /// gets the output sample rate.
    private static func withVoice<T: Sendable>(
        _ voice: String, wordsPerMinute: Int32?, _ body: (Int) throws(EngineError) -> T
    ) throws(EngineError) -> T {
        try state.withLock { state throws(EngineError) in
            if state == nil {
                // DONT_EXIT: without it a missing data directory ends the whole process.
                let rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nil, espeakINITIALIZE_DONT_EXIT)
                guard rate > 0 else { throw .engineFailed("espeak-ng could not start (its data files are missing?)") }
                espeak_SetSynthCallback(collectSamples)
                state = State(sampleRate: Int(rate))
            }
            guard var current = state else { throw .engineFailed("espeak-ng could not start") }
            if current.voice != voice {
                guard espeak_SetVoiceByName(voice) == EE_OK else { throw .unknownVoice(voice) }
                current.voice = voice
                current.wordsPerMinute = nil
            }
            if let wordsPerMinute, current.wordsPerMinute != wordsPerMinute {
                espeak_SetParameter(espeakRATE, wordsPerMinute, 0)
                current.wordsPerMinute = wordsPerMinute
            }
            state = current
            return try body(current.sampleRate)
        }
    }
}

/// Where espeak-ng's synchronous callback puts the samples of one synthesis.
private final class SampleCollector {
    var samples: [Float] = []
    let cancelled: CancellationFlag

    init(cancelled: CancellationFlag) {
        self.cancelled = cancelled
    }
}

/// espeak-ng's synthesis callback: 0 goes on, 1 stops.
private func collectSamples(_ wave: UnsafeMutablePointer<Int16>?, _ count: Int32, _ events: UnsafeMutablePointer<espeak_EVENT>?) -> Int32 {
    guard let userData = events?.pointee.user_data else { return 0 }
    let collector = Unmanaged<SampleCollector>.fromOpaque(userData).takeUnretainedValue()
    if let wave, count > 0 {
        collector.samples += UnsafeBufferPointer(start: wave, count: Int(count)).lazy.map { Float($0) / 32_768 }
    }
    return collector.cancelled.isSet ? 1 : 0
}

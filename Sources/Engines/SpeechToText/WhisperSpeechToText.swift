import Audio
import CWhisper
import Foundation

/// whisper.cpp speech-to-text, one utterance at a time per instance.
///
/// Decoding runs on the instance's own thread, never on Swift's cooperative pool, so a long
/// transcription does not stall other calls. Whisper does not stream: cut utterances with the VAD.
public final class WhisperSpeechToText: SpeechToText, @unchecked Sendable {
    // @unchecked: the C context is only touched on `queue`, one call at a time.
    private let context: OpaquePointer
    private let queue = EngineQueue(label: "parley.whisper")
    private let load: EngineLoad
    private let threads: Int32
    public let sampleRate = 16_000

    /// Loads a ggml model file (`ggml-tiny.en.bin`, `ggml-base.bin`). A job uses `threads` while
    /// `load` has at most one call, one thread when there are more.
    public init(modelPath: String, threads: Int = 2, load: EngineLoad = EngineLoad()) throws {
        guard FileManager.default.fileExists(atPath: modelPath) else { throw EngineError.missingFile(modelPath) }
        whisper_log_set({ _, _, _ in }, nil)
        var parameters = whisper_context_default_params()
        parameters.use_gpu = false
        guard let context = whisper_init_from_file_with_params(modelPath, parameters) else {
            throw EngineError.unusableModel(modelPath)
        }
        self.context = context
        self.threads = Int32(threads)
        self.load = load
    }

    deinit {
        whisper_free(context)
    }

    public func transcribe(_ audio: PCMAudio, language: String?) async throws -> String {
        guard audio.sampleRate == sampleRate else { throw EngineError.wrongSampleRate(expected: sampleRate, got: audio.sampleRate) }
        return try await queue.run { cancelled in try self.decode(audio.samples, language: language, cancelled: cancelled) }
    }

    /// The encoder frames an utterance of `seconds` needs: its own length (50 frames a second)
    /// and a margin, but at least 320 (6.4 s). Attending over the whole 30 s window (1500) is what
    /// makes short utterances slow: a 3 s one takes ~175 ms with this against ~335 ms with 512
    /// frames (tiny.en, 2 threads). Shorter contexts (128–256) were as fast but made Whisper
    /// repeat itself or mishear espeak-ng's voice and German; from 10 s on the whole window is used.
    static func audioContext(seconds: Double) -> Int32 {
        guard seconds < 10 else { return 0 }
        return Int32(max(320, Int((seconds * 50).rounded(.up)) + 96))
    }

    private func decode(_ samples: [Float], language: String?, cancelled: CancellationFlag) throws -> String {
        var parameters = whisper_full_default_params(WHISPER_SAMPLING_GREEDY)
        // Alone, more threads shorten the turn; beside other calls' engines they spin against theirs.
        parameters.n_threads = load.calls > 1 ? 1 : threads
        let seconds = Double(samples.count) / Double(sampleRate)
        parameters.audio_ctx = Self.audioContext(seconds: seconds)
        // A call cannot wait for whisper's fallback (up to five more decodes at rising
        // temperatures) or a decoder looping on a repeated phrase until its context is full: both
        // turned one utterance in twenty into a 7–10 s wait. Speech has at most ~8 tokens a second.
        parameters.temperature_inc = 0
        parameters.max_tokens = Int32(seconds * 8) + 16
        parameters.no_timestamps = true
        parameters.single_segment = true
        parameters.print_progress = false
        parameters.print_realtime = false
        parameters.print_timestamps = false
        parameters.print_special = false
        parameters.abort_callback = { data in
            Unmanaged<CancellationFlag>.fromOpaque(data!).takeUnretainedValue().isSet
        }
        parameters.abort_callback_user_data = Unmanaged.passUnretained(cancelled).toOpaque()
        let languageCode = strdup(language ?? "auto")
        defer { free(languageCode) }
        parameters.language = UnsafePointer(languageCode)
        let status = withExtendedLifetime(cancelled) {
            samples.withUnsafeBufferPointer { whisper_full(context, parameters, $0.baseAddress, Int32($0.count)) }
        }
        guard status == 0 else { throw EngineError.engineFailed("whisper_full returned \(status)") }
        let text = (0..<whisper_full_n_segments(context))
            .map { String(cString: whisper_full_get_segment_text(context, $0)) }
            .joined()
        return RepeatedSentences.collapsed(text)
    }
}

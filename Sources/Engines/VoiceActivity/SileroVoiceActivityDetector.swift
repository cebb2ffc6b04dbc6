import Audio
import CSherpaOnnx
import Foundation

/// Silero VAD through sherpa-onnx's C API, at 16 kHz.
public struct SileroVoiceActivityDetector: VoiceActivityDetector {
    public struct Configuration: Sendable {
        public var modelPath: String
        /// Speech probability above which a 32 ms window counts as speech.
        public var threshold: Float = 0.5
        /// Silence that ends an utterance.
        public var minimumSilence: Duration = .milliseconds(250)
        /// Speech shorter than this is ignored.
        public var minimumSpeech: Duration = .milliseconds(250)
        /// Speech this long is reported at once as an onset (it may yet turn out to be a noise).
        public var minimumOnset: Duration = .milliseconds(64)
        /// An utterance longer than this is split.
        public var maximumSpeech: Duration = .seconds(20)
        /// Quiet inside speech reported as a pause (``VoiceActivityEvent/speechPaused(utterance:start:end:)``);
        /// `nil` for none.
        public var pauseLength: Duration? = .milliseconds(100)

        public init(modelPath: String) {
            self.modelPath = modelPath
        }
    }

    public let configuration: Configuration
    public let sampleRate = 16_000

    public init(configuration: Configuration) throws {
        guard FileManager.default.fileExists(atPath: configuration.modelPath) else {
            throw EngineError.missingFile(configuration.modelPath)
        }
        self.configuration = configuration
    }

    public func makeStream() throws -> any VoiceActivityStream {
        try SileroVoiceActivityStream(configuration: configuration, sampleRate: sampleRate)
    }
}

/// One stream's Silero detector, owning its sherpa-onnx handle.
final class SileroVoiceActivityStream: VoiceActivityStream {
    private let handle: OpaquePointer
    private let sampleRate: Int
    private var samplesSeen = 0
    private var speaking = false

    private let configuration: SileroVoiceActivityDetector.Configuration
    /// The same model with a short minimum speech, used only to notice speech early (barge-in);
    /// loaded the first time onsets are watched for.
    private var onsetHandle: OpaquePointer?
    private var watchesForOnsets = false
    private var onsetHeard = false
    private var pauses: PauseWatch?

    init(configuration: SileroVoiceActivityDetector.Configuration, sampleRate: Int) throws {
        handle = try Self.makeDetector(configuration, minimumSpeech: configuration.minimumSpeech, sampleRate: sampleRate)
        self.configuration = configuration
        self.sampleRate = sampleRate
        pauses = configuration.pauseLength.map {
            // Silero confirms speech after its minimum speech and a window or two more.
            PauseWatch(sampleRate: sampleRate, pauseLength: $0, preRoll: configuration.minimumSpeech + .milliseconds(300))
        }
    }

    func watchForOnsets(_ watching: Bool) throws {
        guard watching != watchesForOnsets else { return }
        if watching, onsetHandle == nil {
            onsetHandle = try Self.makeDetector(configuration, minimumSpeech: configuration.minimumOnset, sampleRate: sampleRate)
        }
        if let onsetHandle { SherpaOnnxVoiceActivityDetectorReset(onsetHandle) }
        watchesForOnsets = watching
        onsetHeard = false
    }

    private static func makeDetector(
        _ configuration: SileroVoiceActivityDetector.Configuration, minimumSpeech: Duration, sampleRate: Int
    ) throws -> OpaquePointer {
        var config = SherpaOnnxVadModelConfig()
        let model = strdup(configuration.modelPath)
        let provider = strdup("cpu")
        defer {
            free(model)
            free(provider)
        }
        config.silero_vad.model = UnsafePointer(model)
        config.silero_vad.threshold = configuration.threshold
        config.silero_vad.min_silence_duration = Float(configuration.minimumSilence / .seconds(1))
        config.silero_vad.min_speech_duration = Float(minimumSpeech / .seconds(1))
        config.silero_vad.max_speech_duration = Float(configuration.maximumSpeech / .seconds(1))
        config.silero_vad.window_size = 512
        config.sample_rate = Int32(sampleRate)
        config.num_threads = 1
        config.provider = UnsafePointer(provider)
        guard let handle = SherpaOnnxCreateVoiceActivityDetector(&config, 60) else {
            throw EngineError.unusableModel(configuration.modelPath)
        }
        return handle
    }

    deinit {
        SherpaOnnxDestroyVoiceActivityDetector(handle)
        if let onsetHandle { SherpaOnnxDestroyVoiceActivityDetector(onsetHandle) }
    }

    func accept(_ samples: [Float]) -> [VoiceActivityEvent] {
        samples.withUnsafeBufferPointer { buffer in
            SherpaOnnxVoiceActivityDetectorAcceptWaveform(handle, buffer.baseAddress, Int32(buffer.count))
            if watchesForOnsets, let onsetHandle {
                SherpaOnnxVoiceActivityDetectorAcceptWaveform(onsetHandle, buffer.baseAddress, Int32(buffer.count))
            }
        }
        samplesSeen += samples.count
        var events: [VoiceActivityEvent] = []
        if watchesForOnsets, let onsetHandle {
            // The onset detector's own utterances are not needed: only when it starts hearing speech.
            while SherpaOnnxVoiceActivityDetectorEmpty(onsetHandle) == 0 {
                SherpaOnnxVoiceActivityDetectorPop(onsetHandle)
            }
            let onset = SherpaOnnxVoiceActivityDetectorDetected(onsetHandle) != 0
            if onset, !onsetHeard { events.append(.speechOnset(at: time(samplesSeen))) }
            onsetHeard = onset
        }
        let detected = SherpaOnnxVoiceActivityDetectorDetected(handle) != 0
        if detected, !speaking { events.append(.speechStarted(at: time(samplesSeen))) }
        events += pauses?.accept(samples, speaking: detected) ?? []
        events += drain()
        speaking = detected
        return events
    }

    func flush() -> [VoiceActivityEvent] {
        SherpaOnnxVoiceActivityDetectorFlush(handle)
        if let onsetHandle { SherpaOnnxVoiceActivityDetectorReset(onsetHandle) }
        speaking = false
        onsetHeard = false
        pauses?.reset()
        return drain()
    }

    /// The utterances the detector has completed.
    private func drain() -> [VoiceActivityEvent] {
        var events: [VoiceActivityEvent] = []
        while SherpaOnnxVoiceActivityDetectorEmpty(handle) == 0 {
            guard let segment = SherpaOnnxVoiceActivityDetectorFront(handle) else { break }
            let start = Int(segment.pointee.start)
            var samples = Array(UnsafeBufferPointer(start: segment.pointee.samples, count: Int(segment.pointee.n)))
            SherpaOnnxDestroySpeechSegment(segment)
            samples.removeLast(samples.count - TrailingQuiet.speechLength(of: samples, sampleRate: sampleRate))
            let count = samples.count
            SherpaOnnxVoiceActivityDetectorPop(handle)
            events.append(.speechEnded(
                utterance: PCMAudio(samples: samples, sampleRate: sampleRate),
                start: time(start),
                end: time(start + count)
            ))
        }
        return events
    }

    private func time(_ sample: Int) -> Duration {
        .nanoseconds(Int64(sample) * 1_000_000_000 / Int64(sampleRate))
    }
}

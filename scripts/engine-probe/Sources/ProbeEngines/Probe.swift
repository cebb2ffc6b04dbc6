// Checks that whisper.cpp, sherpa-onnx (Silero VAD, Piper) and espeak-ng link and run from Swift.
// usage: engine-probe UTTERANCE_16K.wav [VAD_TEST_16K.wav]
import CEspeakNG
import CSherpaOnnx
import CWhisper
import Foundation

public func whisperSystemInfo() -> String { String(cString: whisper_print_system_info()) }
public func sherpaOnnxVersion() -> String { String(cString: SherpaOnnxGetVersionStr()) }

let home = ProcessInfo.processInfo.environment["PARLEY_HOME"]
    ?? FileManager.default.homeDirectoryForCurrentUser.path + "/.cache/parley"
let models = home + "/models"
let threads: Int32 = 2

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

func readWave(_ path: String) -> [Float] {
    guard let wave = SherpaOnnxReadWave(path) else { fatalError("cannot read \(path)") }
    defer { SherpaOnnxFreeWave(wave) }
    precondition(wave.pointee.sample_rate == 16000, "\(path) must be 16 kHz")
    return Array(UnsafeBufferPointer(start: wave.pointee.samples, count: Int(wave.pointee.num_samples)))
}

// MARK: whisper.cpp
func transcribe(model: String, samples: [Float], audioCtx: Int32, runs: Int = 3) {
    whisper_log_set({ _, _, _ in }, nil)
    var cparams = whisper_context_default_params()
    cparams.use_gpu = false
    let t0 = now()
    guard let ctx = whisper_init_from_file_with_params(model, cparams) else { fatalError("whisper: cannot load \(model)") }
    defer { whisper_free(ctx) }
    let load = now() - t0
    var params = whisper_full_default_params(WHISPER_SAMPLING_GREEDY)
    params.n_threads = threads
    params.audio_ctx = audioCtx
    params.no_timestamps = true
    params.single_segment = true
    params.print_progress = false
    params.print_realtime = false
    params.print_timestamps = false
    let language = strdup("en")
    defer { free(language) }
    params.language = UnsafePointer(language)
    var times: [Double] = []
    var text = ""
    for _ in 0..<runs {
        let t = now()
        let rc = samples.withUnsafeBufferPointer { whisper_full(ctx, params, $0.baseAddress, Int32($0.count)) }
        times.append(now() - t)
        precondition(rc == 0, "whisper_full failed: \(rc)")
        text = (0..<whisper_full_n_segments(ctx)).map { String(cString: whisper_full_get_segment_text(ctx, $0)) }.joined()
    }
    let name = (model as NSString).lastPathComponent
    print(String(format: "whisper %@ audio_ctx=%d: load %.2f s, transcribe %@ s for %.2f s audio: \"%@\"",
                 name, audioCtx, load, times.map { String(format: "%.2f", $0) }.joined(separator: "/"),
                 Double(samples.count) / 16000, text.trimmingCharacters(in: .whitespaces)))
}

// MARK: Silero VAD via sherpa-onnx
func detectSpeech(samples: [Float]) {
    var config = SherpaOnnxVadModelConfig()
    let model = strdup(models + "/silero_vad.onnx")
    let provider = strdup("cpu")
    defer { free(model); free(provider) }
    config.silero_vad.model = UnsafePointer(model)
    config.silero_vad.threshold = 0.5
    config.silero_vad.min_silence_duration = 0.25
    config.silero_vad.min_speech_duration = 0.25
    config.silero_vad.window_size = 512
    config.silero_vad.max_speech_duration = 20
    config.sample_rate = 16000
    config.num_threads = 1
    config.provider = UnsafePointer(provider)
    guard let vad = SherpaOnnxCreateVoiceActivityDetector(&config, 30) else { fatalError("VAD: cannot create") }
    defer { SherpaOnnxDestroyVoiceActivityDetector(vad) }
    var segments: [String] = []
    func drain() {
        while SherpaOnnxVoiceActivityDetectorEmpty(vad) == 0 {
            let s = SherpaOnnxVoiceActivityDetectorFront(vad)!
            segments.append(String(format: "%.2f–%.2f s", Double(s.pointee.start) / 16000,
                                   Double(s.pointee.start + Int64(s.pointee.n)) / 16000))
            SherpaOnnxDestroySpeechSegment(s)
            SherpaOnnxVoiceActivityDetectorPop(vad)
        }
    }
    let t = now()
    samples.withUnsafeBufferPointer { buf in
        var i = 0
        while i < buf.count {  // 20 ms frames, as a call would feed it
            let n = min(320, buf.count - i)
            SherpaOnnxVoiceActivityDetectorAcceptWaveform(vad, buf.baseAddress! + i, Int32(n))
            drain()
            i += n
        }
    }
    SherpaOnnxVoiceActivityDetectorFlush(vad)
    drain()
    print(String(format: "VAD: %d segments in %.2f s audio (%.3f s): %@", segments.count,
                 Double(samples.count) / 16000, now() - t, segments.joined(separator: ", ")))
}

// MARK: espeak-ng phonemes + Piper through sherpa-onnx
func phonemes(_ text: String) -> [Int32] {
    var out: [Int32] = []
    text.withCString { base in
        var ptr: UnsafeRawPointer? = UnsafeRawPointer(base)
        while let p = ptr, p.load(as: CChar.self) != 0 {
            guard let ph = espeak_TextToPhonemes(&ptr, espeakCHARS_UTF8, espeakPHONEMES_IPA) else { break }
            let clause = String(cString: ph)
            if !out.isEmpty { out.append(Int32(Character(" ").unicodeScalars.first!.value)) }
            out += clause.unicodeScalars.map { Int32($0.value) }
        }
    }
    // Debian's espeak-ng drops clause punctuation; a final full stop gives Piper its sentence end.
    out.append(Int32(Character(".").unicodeScalars.first!.value))
    return out
}

func synthesize(_ text: String, out: String) {
    precondition(espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nil, 0) > 0, "espeak-ng: cannot initialise")
    precondition(espeak_SetVoiceByName("en-us") == EE_OK, "espeak-ng: no en-us voice")
    let voiceDir = models + "/en_US-joe-medium"
    var config = SherpaOnnxOfflineTtsConfig()
    let model = strdup(voiceDir + "/en_US-joe-medium.onnx"), tokens = strdup(voiceDir + "/tokens.txt")
    let provider = strdup("cpu"), empty = strdup("")
    defer { free(model); free(tokens); free(provider); free(empty) }
    config.model.vits.model = UnsafePointer(model)
    config.model.vits.tokens = UnsafePointer(tokens)
    config.model.vits.lexicon = UnsafePointer(empty)
    config.model.vits.data_dir = UnsafePointer(empty)
    config.model.vits.noise_scale = 0.667
    config.model.vits.noise_scale_w = 0.8
    config.model.vits.length_scale = 1
    config.model.num_threads = threads
    config.model.provider = UnsafePointer(provider)
    config.max_num_sentences = 1
    var t = now()
    guard let tts = SherpaOnnxCreateOfflineTts(&config) else { fatalError("TTS: cannot create") }
    defer { SherpaOnnxDestroyOfflineTts(tts) }
    let load = now() - t
    for run in 0..<3 {
        t = now()
        let codepoints = phonemes(text)
        let phonemeTime = now() - t
        var lens: [Int32] = [Int32(codepoints.count)]
        var gen = SherpaOnnxGenerationConfig()
        gen.speed = 1
        gen.silence_scale = 0.2
        let audio = codepoints.withUnsafeBufferPointer { cp in
            lens.withUnsafeMutableBufferPointer { l in
                gen.phoneme_codepoints = cp.baseAddress
                gen.phoneme_codepoints_lens = UnsafePointer(l.baseAddress)
                gen.phoneme_codepoints_num_sentences = 1
                return SherpaOnnxOfflineTtsGenerateWithConfig(tts, text, &gen, nil, nil)
            }
        }
        guard let audio else { fatalError("TTS: generation failed") }
        let total = now() - t
        let seconds = Double(audio.pointee.n) / Double(audio.pointee.sample_rate)
        if run == 0 {
            print("espeak-ng phonemes: \(String(String.UnicodeScalarView(codepoints.compactMap { Unicode.Scalar(UInt32($0)) })))")
            SherpaOnnxWriteWave(audio.pointee.samples, audio.pointee.n, audio.pointee.sample_rate, out)
        }
        print(String(format: "Piper: load %.2f s; first audio %.3f s (phonemes %.4f s) -> %d samples @ %d Hz = %.2f s, RTF %.3f",
                     load, total, phonemeTime, audio.pointee.n, audio.pointee.sample_rate, seconds, total / seconds))
        SherpaOnnxDestroyOfflineTtsGeneratedAudio(audio)
    }
}

public func runProbe(_ args: [String]) {
    guard args.count >= 2 else { fatalError("usage: engine-probe UTTERANCE_16K.wav [VAD_TEST_16K.wav]") }
    let utterance = readWave(args[1])
    print(String(cString: whisper_print_system_info()))
    transcribe(model: models + "/ggml-tiny.en.bin", samples: utterance, audioCtx: 512)
    transcribe(model: models + "/ggml-base.bin", samples: utterance, audioCtx: 512)
    transcribe(model: models + "/ggml-tiny.en.bin", samples: utterance, audioCtx: 0, runs: 1)
    transcribe(model: models + "/ggml-base.bin", samples: utterance, audioCtx: 0, runs: 1)
    detectSpeech(samples: args.count > 2 ? readWave(args[2]) : utterance)
    let ttsOut = "/tmp/engine-probe-piper.wav"
    synthesize("The weather today is sunny with a light westerly breeze.", out: ttsOut)
    print("wrote \(ttsOut)")
}

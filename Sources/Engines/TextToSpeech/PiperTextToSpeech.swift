import Audio
import CSherpaOnnx
import Foundation

/// A Piper voice (VITS, ONNX) through sherpa-onnx, with phonemes from espeak-ng.
///
/// Synthesis runs on the instance's own thread, a piece at a time, so calls sharing a voice take
/// turns piece by piece: a long reply for one call delays another's next piece by at most one.
public final class PiperTextToSpeech: TextToSpeech, @unchecked Sendable {
    // @unchecked: the sherpa-onnx handle is only touched on `queue`, one job at a time.
    private let handle: OpaquePointer
    private let queue = EngineQueue(label: "parley.piper")
    private let espeakVoice: String
    public let sampleRate: Int

    /// Loads `modelPath` (`….onnx`), with the voice's `….onnx.json` beside it and the
    /// `tokens.txt` that `scripts/prepare_piper_voice.py` writes into the same directory.
    public init(modelPath: String, threads: Int = 2) throws {
        let directory = (modelPath as NSString).deletingLastPathComponent
        let tokensPath = directory + "/tokens.txt"
        let voicePath = modelPath + ".json"
        for path in [modelPath, tokensPath, voicePath] where !FileManager.default.fileExists(atPath: path) {
            throw EngineError.missingFile(path)
        }
        guard let voice = try? JSONDecoder().decode(PiperVoice.self, from: Data(contentsOf: URL(fileURLWithPath: voicePath))) else {
            throw EngineError.unusableModel(voicePath)
        }
        let strings = [modelPath, tokensPath, "", "cpu"].map { $0.withCString { strdup($0) } }
        defer { strings.forEach { free($0) } }
        var config = SherpaOnnxOfflineTtsConfig()
        config.model.vits.model = UnsafePointer(strings[0])
        config.model.vits.tokens = UnsafePointer(strings[1])
        config.model.vits.lexicon = UnsafePointer(strings[2])
        config.model.vits.data_dir = UnsafePointer(strings[2])
        config.model.vits.noise_scale = voice.inference.noiseScale
        config.model.vits.noise_scale_w = voice.inference.noiseW
        config.model.vits.length_scale = voice.inference.lengthScale
        config.model.num_threads = Int32(threads)
        config.model.provider = UnsafePointer(strings[3])
        config.max_num_sentences = 1
        guard let handle = SherpaOnnxCreateOfflineTts(&config) else { throw EngineError.unusableModel(modelPath) }
        self.handle = handle
        self.sampleRate = Int(SherpaOnnxOfflineTtsSampleRate(handle))
        self.espeakVoice = voice.espeak.voice
    }

    deinit {
        SherpaOnnxDestroyOfflineTts(handle)
    }

    public func synthesize(_ text: String, options: SpeechOptions) -> SpeechChunks {
        SpeechChunks(pieces: SpeechSegmenter.pieces(of: text)) { piece in
            try await self.queue.run { _ in try self.speak(piece, speed: options.speed) }
        }
    }

    private func speak(_ piece: SpeechSegmenter.Piece, speed: Double) throws -> PCMAudio {
        let codepoints = try phonemes(piece).unicodeScalars.map { Int32(bitPattern: $0.value) }
        guard !codepoints.isEmpty else { return PCMAudio(samples: [], sampleRate: sampleRate) }
        var generation = SherpaOnnxGenerationConfig()
        generation.speed = Float(speed)
        generation.silence_scale = 0.2
        let lengths = [Int32(codepoints.count)]
        let audio = codepoints.withUnsafeBufferPointer { codepoints in
            lengths.withUnsafeBufferPointer { lengths in
                generation.phoneme_codepoints = codepoints.baseAddress
                generation.phoneme_codepoints_lens = lengths.baseAddress
                generation.phoneme_codepoints_num_sentences = 1
                return SherpaOnnxOfflineTtsGenerateWithConfig(handle, piece.text, &generation, nil, nil)
            }
        }
        guard let audio else { throw EngineError.engineFailed("sherpa-onnx could not synthesise \"\(piece.text)\"") }
        defer { SherpaOnnxDestroyOfflineTtsGeneratedAudio(audio) }
        return PCMAudio(samples: Array(UnsafeBufferPointer(start: audio.pointee.samples, count: Int(audio.pointee.n))),
                        sampleRate: Int(audio.pointee.sample_rate))
    }

    /// The piece as Piper's training saw text: espeak-ng IPA with the punctuation put back.
    private func phonemes(_ piece: SpeechSegmenter.Piece) throws -> String {
        try piece.clauses.compactMap { clause -> String? in
            let spoken = try EspeakNG.phonemes(clause.words.joined(separator: " "), voice: espeakVoice).joined(separator: " ")
            guard !spoken.isEmpty else { return nil }
            return spoken + (clause.mark.map(String.init) ?? "")
        }.joined(separator: " ")
    }
}

/// The parts of a Piper voice's `.onnx.json` that synthesis needs.
private struct PiperVoice: Decodable {
    struct Espeak: Decodable {
        var voice: String
    }

    struct Inference: Decodable {
        var noiseScale: Float
        var lengthScale: Float
        var noiseW: Float

        enum CodingKeys: String, CodingKey {
            case noiseScale = "noise_scale"
            case lengthScale = "length_scale"
            case noiseW = "noise_w"
        }
    }

    var espeak: Espeak
    var inference: Inference
}

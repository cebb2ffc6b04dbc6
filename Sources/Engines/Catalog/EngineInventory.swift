import Foundation

/// The local models and voices found in the models directory.
public struct EngineInventory: Sendable, Equatable {
    /// GGUF chat models, by file name without `.gguf`.
    public var languageModels: Set<String> = []
    /// Whisper models, by the name inside `ggml-NAME.bin` (`tiny.en`, `base`).
    public var speechToTextModels: Set<String> = []
    /// Piper voices, by directory name, with the language each speaks (`en`, from `en_US`).
    public var piperVoices: [String: String] = [:]

    public init(languageModels: Set<String> = [], speechToTextModels: Set<String> = [], piperVoices: [String: String] = [:]) {
        self.languageModels = languageModels
        self.speechToTextModels = speechToTextModels
        self.piperVoices = piperVoices
    }

    /// What `directory` holds; empty when it does not exist.
    public init(scanning directory: String) {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for file in files {
            if file.hasSuffix(".gguf") {
                languageModels.insert(String(file.dropLast(5)))
            } else if file.hasPrefix("ggml-"), file.hasSuffix(".bin") {
                speechToTextModels.insert(String(file.dropFirst(5).dropLast(4)))
            } else if let language = Self.piperLanguage(voiceDirectory: directory + "/" + file, name: file) {
                piperVoices[file] = language
            }
        }
    }

    /// The language family of the Piper voice in `voiceDirectory`, if it holds one.
    private static func piperLanguage(voiceDirectory: String, name: String) -> String? {
        struct Voice: Decodable {
            struct Language: Decodable { var family: String }
            var language: Language
        }
        let model = voiceDirectory + "/" + name + ".onnx"
        guard FileManager.default.fileExists(atPath: model),
              let data = FileManager.default.contents(atPath: model + ".json"),
              let voice = try? JSONDecoder().decode(Voice.self, from: data) else { return nil }
        return voice.language.family
    }
}

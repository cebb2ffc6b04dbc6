import ParleyCore

/// The engines one agent gets: what its settings name where Parley has it, otherwise the configured
/// default that fits its language. Pure: decided from the settings, the configuration and what the
/// models directory holds.
public struct EngineChoice: Sendable, Equatable {
    public enum LanguageModel: Sendable, Equatable {
        /// A GGUF model from the models directory, served by a supervised `llama-server`.
        case local(model: String)
        /// The configured hosted provider, with this model name.
        case remote(model: String)

        /// The model's name: the local file's without `.gguf`, or the provider's.
        public var name: String {
            switch self {
            case .local(let model), .remote(let model): model
            }
        }
    }

    public enum Voice: Sendable, Hashable {
        /// A Piper voice directory in the models directory.
        case piper(String)
        /// An espeak-ng voice (`en-us`, `de`, `fr`…).
        case espeak(String)
    }

    public var languageModel: LanguageModel
    /// A Whisper model name (`tiny.en`, `base`).
    public var speechToTextModel: String
    public var voice: Voice
    /// The language hint for speech-to-text: the primary language without its region (`en`).
    public var language: String
    /// Each setting Parley could not honour, and what it used instead, for the call's log.
    public var substitutions: [String] = []

    public init(settings: AgentSettings, configuration: EngineConfiguration, inventory: EngineInventory) {
        language = String(settings.primaryLanguage.prefix { $0 != "-" })
        languageModel = .local(model: configuration.localModel)
        speechToTextModel = configuration.speechToTextModel
        voice = .espeak("en-us")
        chooseLanguageModel(settings.llmModel, configuration: configuration, inventory: inventory)
        chooseSpeechToText(settings.sttModel, configuration: configuration, inventory: inventory)
        chooseVoice(settings.ttsVoice, configuration: configuration, inventory: inventory)
    }

    private mutating func chooseLanguageModel(_ requested: String?, configuration: EngineConfiguration, inventory: EngineInventory) {
        let local = requested.map { $0.hasSuffix(".gguf") ? String($0.dropLast(5)) : $0 }
        if let local, inventory.languageModels.contains(local) {
            languageModel = .local(model: local)
        } else if let remote = configuration.remote {
            languageModel = .remote(model: requested ?? remote.model)
        } else {
            languageModel = .local(model: configuration.localModel)
            if let requested {
                substitutions.append("llm_model '\(requested)' is not a local model and no provider is configured; using \(configuration.localModel)")
            }
        }
    }

    private mutating func chooseSpeechToText(_ requested: String?, configuration: EngineConfiguration, inventory: EngineInventory) {
        var model = configuration.speechToTextModel
        if let requested {
            let name = requested.lowercased().replacing("whisper-", with: "").replacing("ggml-", with: "").replacing(".bin", with: "")
            if inventory.speechToTextModels.contains(name) {
                model = name
            } else {
                substitutions.append("stt_model '\(requested)' is not installed; using \(model)")
            }
        }
        // English-only models cannot hear other languages.
        if language != "en", model.hasSuffix(".en") {
            let multilingual = inventory.speechToTextModels.filter { !$0.hasSuffix(".en") }
            if let other = multilingual.contains("base") ? "base" : multilingual.sorted().first {
                substitutions.append("stt_model '\(model)' hears only English; using \(other) for '\(language)'")
                model = other
            }
        }
        speechToTextModel = model
    }

    private mutating func chooseVoice(_ requested: String?, configuration: EngineConfiguration, inventory: EngineInventory) {
        if let requested, let chosen = Self.voice(named: requested, inventory: inventory) {
            voice = chosen
            return
        }
        if let fallback = Self.voice(named: configuration.voice, inventory: inventory), speaks(fallback, inventory: inventory) {
            voice = fallback
        } else if let piper = inventory.piperVoices.filter({ $0.value == language }).keys.sorted().first {
            voice = .piper(piper)
        } else {
            voice = .espeak(language == "en" ? "en-us" : language)
        }
        if let requested {
            substitutions.append("tts_voice '\(requested)' is not installed; using \(voice)")
        }
    }

    /// `name` as a voice Parley has: `espeak:VOICE`, or a Piper voice directory.
    private static func voice(named name: String, inventory: EngineInventory) -> Voice? {
        if name.hasPrefix("espeak:") { return .espeak(String(name.dropFirst(7))) }
        return inventory.piperVoices[name] == nil ? nil : .piper(name)
    }

    /// Whether `voice` speaks the agent's language (espeak-ng voices are named after theirs).
    private func speaks(_ voice: Voice, inventory: EngineInventory) -> Bool {
        switch voice {
        case .piper(let name): inventory.piperVoices[name] == language
        case .espeak(let name): name.prefix { $0 != "-" } == language
        }
    }
}

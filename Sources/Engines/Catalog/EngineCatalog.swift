import AsyncHTTPClient
import Logging
import ParleyCore
import ServiceLifecycle
import Synchronization

/// Every engine this process can give a call, built from the configuration and the models
/// directory. Local engines are loaded on first use and shared between calls; each local chat
/// model gets a supervised `llama-server`, started when a call first needs it.
public final class EngineCatalog: AgentEngineSource, Sendable {
    public let configuration: EngineConfiguration
    public let inventory: EngineInventory
    private let supervisors: [String: LlamaServerSupervisor]
    private let speechToTexts = Mutex<[String: WhisperSpeechToText]>([:])
    private let voices = Mutex<[EngineChoice.Voice: any TextToSpeech]>([:])
    /// The calls inside ``withEngines(for:logger:_:)``, which the engines size their jobs by.
    private let load = EngineLoad()
    // Loading a model takes up to a second of blocking file and C work: never on the shared pool.
    private let loader = EngineQueue(label: "parley.engine-loader")
    private let httpClient: HTTPClient
    private let logger: Logger

    public init(configuration: EngineConfiguration, logger: Logger, httpClient: HTTPClient = .shared) {
        self.configuration = configuration
        self.inventory = EngineInventory(scanning: configuration.modelsDirectory)
        self.httpClient = httpClient
        self.logger = logger
        var supervisors: [String: LlamaServerSupervisor] = [:]
        for model in inventory.languageModels {
            var server = LlamaServerSupervisor.Configuration(executable: configuration.llamaServer, model: "\(configuration.modelsDirectory)/\(model).gguf")
            server.threads = configuration.threads
            server.polling = configuration.llamaPolling
            supervisors[model] = LlamaServerSupervisor(configuration: server, logger: logger, httpClient: httpClient)
        }
        self.supervisors = supervisors
    }

    /// Runs the local model servers' supervisors until shutdown (each starts its server on demand).
    public func run() async throws {
        try await withThrowingDiscardingTaskGroup { group in
            for supervisor in supervisors.values {
                group.addTask { try await supervisor.run() }
            }
            try await gracefulShutdown()
        }
    }

    /// Runs one call, `body`, with the engines for its agent; the call counts in the load the
    /// engines size their jobs by until `body` returns.
    public func withEngines<Result>(
        for settings: AgentSettings, logger: Logger? = nil, _ body: (AgentEngines) async throws -> Result
    ) async throws -> Result {
        try await load.track { try await body(try await engines(for: settings, logger: logger)) }
    }

    /// The engines for an agent, loading any not yet loaded. What the agent asked for and did
    /// not get is logged, with what it got instead.
    private func engines(for settings: AgentSettings, logger: Logger?) async throws -> AgentEngines {
        let choice = EngineChoice(settings: settings, configuration: configuration, inventory: inventory)
        if let allowed = configuration.allowedModels, !allowed.contains(choice.languageModel.name) {
            throw ModelNotAllowed(model: choice.languageModel.name)
        }
        for substitution in choice.substitutions {
            (logger ?? self.logger).warning("\(substitution)")
        }
        return AgentEngines(
            choice: choice,
            voiceActivity: try SileroVoiceActivityDetector(
                configuration: VoiceActivityTuning.silero(modelPath: configuration.modelsDirectory + "/silero_vad.onnx", for: settings)
            ),
            speechToText: try await speechToText(choice.speechToTextModel),
            languageModel: try languageModel(choice.languageModel),
            textToSpeech: try await textToSpeech(choice.voice)
        )
    }

    public func languageModel(_ choice: EngineChoice.LanguageModel) throws -> any LanguageModel {
        switch choice {
        case .local(let model):
            guard let supervisor = supervisors[model] else { throw EngineError.missingFile("\(configuration.modelsDirectory)/\(model).gguf") }
            supervisor.prepare()
            return LocalLanguageModel(supervisor: supervisor, model: model)
        case .remote(let model):
            guard let remote = configuration.remote else { throw EngineError.engineFailed("no language model provider is configured") }
            return OpenAIChatClient(configuration: .init(baseURL: remote.baseURL, apiKey: remote.apiKey, model: model), httpClient: httpClient)
        }
    }

    public func speechToText(_ model: String) async throws -> any SpeechToText {
        if let loaded = speechToTexts.withLock({ $0[model] }) { return loaded }
        return try await loader.run { _ in
            if let loaded = self.speechToTexts.withLock({ $0[model] }) { return loaded }
            let engine = try WhisperSpeechToText(modelPath: "\(self.configuration.modelsDirectory)/ggml-\(model).bin", threads: self.configuration.threads, load: self.load)
            self.speechToTexts.withLock { $0[model] = engine }
            return engine
        }
    }

    public func textToSpeech(_ voice: EngineChoice.Voice) async throws -> any TextToSpeech {
        if let loaded = voices.withLock({ $0[voice] }) { return loaded }
        return try await loader.run { _ in
            if let loaded = self.voices.withLock({ $0[voice] }) { return loaded }
            let engine: any TextToSpeech = switch voice {
            case .piper(let name):
                try PiperTextToSpeech(modelPath: "\(self.configuration.modelsDirectory)/\(name)/\(name).onnx", threads: self.configuration.threads)
            case .espeak(let name):
                try EspeakTextToSpeech(voice: name)
            }
            self.voices.withLock { $0[voice] = engine }
            return engine
        }
    }
}

/// One agent's engines, and how they were chosen.
public struct AgentEngines: Sendable {
    public let choice: EngineChoice
    public let voiceActivity: any VoiceActivityDetector
    public let speechToText: any SpeechToText
    public let languageModel: any LanguageModel
    public let textToSpeech: any TextToSpeech

    public init(
        choice: EngineChoice,
        voiceActivity: any VoiceActivityDetector,
        speechToText: any SpeechToText,
        languageModel: any LanguageModel,
        textToSpeech: any TextToSpeech
    ) {
        self.choice = choice
        self.voiceActivity = voiceActivity
        self.speechToText = speechToText
        self.languageModel = languageModel
        self.textToSpeech = textToSpeech
    }
}

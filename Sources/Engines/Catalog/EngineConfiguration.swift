import Foundation

/// Where the local engines are, and which engines an agent gets when it names none. Read from
/// `PARLEY_*` configuration by the server; each key is in the README.
public struct EngineConfiguration: Sendable, Equatable {
    /// A hosted OpenAI-compatible provider (OpenAI, Groq, Ollama, vLLM…).
    public struct RemoteLanguageModel: Sendable, Equatable {
        /// Up to and including `/v1`.
        public var baseURL: String
        public var apiKey: String?
        /// The model agents get when they name none.
        public var model: String

        public init(baseURL: String, apiKey: String?, model: String) {
            self.baseURL = baseURL
            self.apiKey = apiKey
            self.model = model
        }
    }

    /// Holds the GGUF models, `ggml-*.bin` Whisper models, Piper voice directories and `silero_vad.onnx`.
    public var modelsDirectory: String
    /// llama.cpp's server executable.
    public var llamaServer: String
    /// The local GGUF model (file name without `.gguf`) agents get when no provider is configured.
    public var localModel = "qwen2.5-0.5b-instruct-q4_k_m"
    /// When set, agents that name no local model use this provider.
    public var remote: RemoteLanguageModel?
    /// The Whisper model (`tiny.en`, `base`) agents get when they name none.
    public var speechToTextModel = "base"
    /// The voice agents speaking its language get when they name none: a Piper voice directory
    /// name, or `espeak:` and an espeak-ng voice.
    public var voice = "en_US-joe-medium"
    /// Threads each C engine uses for one job.
    public var threads = 2
    /// llama.cpp's `--poll` for the local model servers (see ``LlamaServerSupervisor/Configuration/polling``).
    public var llamaPolling = 0
    /// The language models calls may use (local model names without `.gguf`, or the provider's
    /// model names); `nil` allows every one. A call whose agent would get another is refused.
    public var allowedModels: Set<String>?

    /// Where `scripts/install-engines.sh` installs: `$PARLEY_HOME`, else `~/.cache/parley`.
    public static let defaultHome = ProcessInfo.processInfo.environment["PARLEY_HOME"] ?? NSHomeDirectory() + "/.cache/parley"

    /// The engines `scripts/install-engines.sh` puts under `home` (`$PARLEY_HOME`).
    public init(home: String) {
        modelsDirectory = home + "/models"
        llamaServer = home + "/bin/llama-server"
    }
}

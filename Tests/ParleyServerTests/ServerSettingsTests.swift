import Configuration
import Engines
import ParleyServer
import Testing

@Suite struct ServerSettingsTests {
    private func settings(_ environment: [String: String]) throws -> ServerSettings {
        try ServerSettings(reader: ConfigReader(provider: EnvironmentVariablesProvider(environmentVariables: environment)))
    }

    @Test func enginesDefaultToTheInstalledLocalOnes() throws {
        let engines = try settings(["PARLEY_HOME": "/opt/parley"]).engines
        #expect(engines.modelsDirectory == "/opt/parley/models")
        #expect(engines.llamaServer == "/opt/parley/bin/llama-server")
        #expect(engines.localModel == "qwen2.5-0.5b-instruct-q4_k_m")
        #expect(engines.speechToTextModel == "base")
        #expect(engines.voice == "en_US-joe-medium")
        #expect(engines.remote == nil)
        #expect(engines.allowedModels == nil)
    }

    @Test func everyEngineKeyIsRead() throws {
        let engines = try settings([
            "PARLEY_MODELS_DIR": "/models",
            "PARLEY_LLAMA_SERVER": "/usr/bin/llama-server",
            "PARLEY_LLM_LOCAL_MODEL": "smollm2-135m-instruct-q4_1",
            "PARLEY_LLM_BASE_URL": "https://api.groq.com/openai/v1",
            "PARLEY_LLM_API_KEY": "gsk_secret",
            "PARLEY_LLM_MODEL": "llama-3.1-8b-instant",
            "PARLEY_STT_MODEL": "tiny.en",
            "PARLEY_TTS_VOICE": "espeak:en-gb",
            "PARLEY_ENGINE_THREADS": "4",
            "PARLEY_LLM_ALLOWED_MODELS": "smollm2-135m-instruct-q4_1.gguf, llama-3.1-8b-instant",
        ]).engines
        #expect(engines.modelsDirectory == "/models")
        #expect(engines.llamaServer == "/usr/bin/llama-server")
        #expect(engines.localModel == "smollm2-135m-instruct-q4_1")
        #expect(engines.remote == .init(baseURL: "https://api.groq.com/openai/v1", apiKey: "gsk_secret", model: "llama-3.1-8b-instant"))
        #expect(engines.speechToTextModel == "tiny.en")
        #expect(engines.voice == "espeak:en-gb")
        #expect(engines.threads == 4)
        #expect(engines.allowedModels == ["smollm2-135m-instruct-q4_1", "llama-3.1-8b-instant"])
    }

    @Test func aProviderNeedsAURLAndADefaultModel() {
        #expect(throws: SettingsError.self) { try settings(["PARLEY_LLM_BASE_URL": "https://api.openai.com/v1"]) }
        #expect(throws: SettingsError.self) { try settings(["PARLEY_LLM_BASE_URL": "api.openai.com", "PARLEY_LLM_MODEL": "gpt-4o-mini"]) }
        #expect(throws: SettingsError.self) { try settings(["PARLEY_ENGINE_THREADS": "0"]) }
        #expect(throws: SettingsError.self) { try settings(["PARLEY_LLM_ALLOWED_MODELS": " , "]) }
    }
}

import Engines
import ParleyCore
import Testing

@Suite struct EngineChoiceTests {
    let inventory = EngineInventory(
        languageModels: ["qwen2.5-0.5b-instruct-q4_k_m", "smollm2-135m-instruct-q4_1"],
        speechToTextModels: ["tiny.en", "base"],
        piperVoices: ["en_US-joe-medium": "en"]
    )
    let local = EngineConfiguration(home: "/parley")

    private func agent(_ change: (inout AgentSettings) -> Void = { _ in }) -> AgentSettings {
        var settings = AgentSettings(name: "Support")
        change(&settings)
        return settings
    }

    @Test func anAgentThatNamesNothingGetsTheDefaults() {
        let choice = EngineChoice(settings: agent(), configuration: local, inventory: inventory)
        #expect(choice.languageModel == .local(model: "qwen2.5-0.5b-instruct-q4_k_m"))
        #expect(choice.speechToTextModel == "base")
        #expect(choice.voice == .piper("en_US-joe-medium"))
        #expect(choice.language == "en")
        #expect(choice.substitutions.isEmpty)
    }

    @Test func anAgentGetsTheEnginesItNames() {
        let choice = EngineChoice(settings: agent {
            $0.llmModel = "smollm2-135m-instruct-q4_1.gguf"
            $0.sttModel = "whisper-tiny.en"
            $0.ttsVoice = "espeak:en-gb"
        }, configuration: local, inventory: inventory)
        #expect(choice.languageModel == .local(model: "smollm2-135m-instruct-q4_1"))
        #expect(choice.speechToTextModel == "tiny.en")
        #expect(choice.voice == .espeak("en-gb"))
        #expect(choice.substitutions.isEmpty)
    }

    @Test func modelsParleyDoesNotHaveGoToTheProviderWhenThereIsOne() {
        var configuration = local
        configuration.remote = .init(baseURL: "https://api.groq.com/openai/v1", apiKey: "k", model: "llama-3.1-8b-instant")
        #expect(EngineChoice(settings: agent { $0.llmModel = "gpt-4o-mini" }, configuration: configuration, inventory: inventory)
            .languageModel == .remote(model: "gpt-4o-mini"))
        #expect(EngineChoice(settings: agent(), configuration: configuration, inventory: inventory)
            .languageModel == .remote(model: "llama-3.1-8b-instant"))
        #expect(EngineChoice(settings: agent { $0.llmModel = "smollm2-135m-instruct-q4_1" }, configuration: configuration, inventory: inventory)
            .languageModel == .local(model: "smollm2-135m-instruct-q4_1"))
    }

    @Test func whatCannotBeHonouredIsSubstitutedAndSaid() {
        let choice = EngineChoice(settings: agent {
            $0.llmModel = "gpt-4o-mini"
            $0.sttModel = "large-v3"
            $0.ttsVoice = "alloy"
        }, configuration: local, inventory: inventory)
        #expect(choice.languageModel == .local(model: "qwen2.5-0.5b-instruct-q4_k_m"))
        #expect(choice.speechToTextModel == "base")
        #expect(choice.voice == .piper("en_US-joe-medium"))
        #expect(choice.substitutions.count == 3)
        #expect(choice.substitutions[0].contains("gpt-4o-mini"))
    }

    @Test func otherLanguagesGetAVoiceAndAModelThatKnowThem() {
        var configuration = local
        configuration.speechToTextModel = "tiny.en"
        let choice = EngineChoice(settings: agent { $0.primaryLanguage = "de-AT" }, configuration: configuration, inventory: inventory)
        #expect(choice.language == "de")
        #expect(choice.speechToTextModel == "base")
        #expect(choice.voice == .espeak("de"))
    }
}

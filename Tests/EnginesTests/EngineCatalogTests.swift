import Engines
import Foundation
import Logging
import ParleyCore
import TestSupport
import Testing

/// The catalog over the real models directory that `scripts/install-engines.sh` fills.
@Suite(.enabled(if: LocalEngines.piperAvailable && LocalEngines.whisperAvailable && LocalEngines.llamaAvailable && LocalEngines.vadAvailable,
                "needs the engines from scripts/install-engines.sh"))
struct EngineCatalogTests {
    @Test func findsTheInstalledEnginesAndLoadsEachOnce() async throws {
        let catalog = EngineCatalog(configuration: EngineConfiguration(home: LocalEngines.home), logger: Logger(label: "test"))
        #expect(catalog.inventory.languageModels.contains("smollm2-135m-instruct-q4_1"))
        #expect(catalog.inventory.speechToTextModels.isSuperset(of: ["tiny.en", "base"]))
        #expect(catalog.inventory.piperVoices["en_US-joe-medium"] == "en")

        var settings = AgentSettings(name: "Support")
        settings.sttModel = "tiny.en"
        try await catalog.withEngines(for: settings) { first in
            try await catalog.withEngines(for: settings) { second in
                #expect(first.textToSpeech as AnyObject === second.textToSpeech as AnyObject)
                #expect(first.speechToText as AnyObject === second.speechToText as AnyObject)
            }
            #expect(first.textToSpeech.sampleRate == 22_050)
            #expect(first.choice.speechToTextModel == "tiny.en")
        }
    }

    @Test func aModelOutsideTheAllowedOnesIsRefused() async throws {
        var configuration = EngineConfiguration(home: LocalEngines.home)
        configuration.allowedModels = ["smollm2-135m-instruct-q4_1"]
        let catalog = EngineCatalog(configuration: configuration, logger: Logger(label: "test"))
        var settings = AgentSettings(name: "Support")
        settings.sttModel = "tiny.en"
        await #expect(throws: ModelNotAllowed(model: "qwen2.5-0.5b-instruct-q4_k_m"), "the default the agent would get") {
            try await catalog.withEngines(for: settings) { _ in }
        }
        settings.llmModel = "smollm2-135m-instruct-q4_1"
        let chosen = try await catalog.withEngines(for: settings) { $0.choice.languageModel }
        #expect(chosen == .local(model: "smollm2-135m-instruct-q4_1"))
    }

    @Test func aModelsDirectoryWithoutTheEnginesGivesTypedErrors() async throws {
        var configuration = EngineConfiguration(home: LocalEngines.home)
        configuration.modelsDirectory = try makeTemporaryDirectory()
        let catalog = EngineCatalog(configuration: configuration, logger: Logger(label: "test"))
        await #expect(throws: EngineError.missingFile(configuration.modelsDirectory + "/silero_vad.onnx")) {
            try await catalog.withEngines(for: AgentSettings(name: "Support")) { _ in }
        }
        #expect(throws: EngineError.missingFile(configuration.modelsDirectory + "/qwen2.5-0.5b-instruct-q4_k_m.gguf")) {
            try catalog.languageModel(.local(model: "qwen2.5-0.5b-instruct-q4_k_m"))
        }
        await #expect(throws: EngineError.missingFile(configuration.modelsDirectory + "/ggml-base.bin")) {
            try await catalog.speechToText("base")
        }
    }
}

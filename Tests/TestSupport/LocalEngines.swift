import Engines
import Foundation

/// Where `scripts/install-engines.sh` puts the local engines: `$PARLEY_HOME`, by default
/// `~/.cache/parley`.
public enum LocalEngines {
    public static var home: String { EngineConfiguration.defaultHome }

    public static var llamaServer: String { home + "/bin/llama-server" }
    /// The smallest chat model, for tests.
    public static var testModel: String { home + "/models/smollm2-135m-instruct-q4_1.gguf" }

    public static var llamaAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: llamaServer) && FileManager.default.fileExists(atPath: testModel)
    }
}

extension LocalEngines {
    public static var whisperTiny: String { home + "/models/ggml-tiny.en.bin" }

    public static var whisperAvailable: Bool { FileManager.default.fileExists(atPath: whisperTiny) }

    /// `text` spoken by espeak-ng, as 16 kHz 16-bit mono WAV bytes (resampled by sox).
    public static func espeakWAV(_ text: String) throws -> [UInt8] {
        let directory = try makeTemporaryDirectory()
        try run("/usr/bin/espeak-ng", ["-v", "en-us", "-s", "150", "-w", directory + "/raw.wav", text])
        // -D: no dither, which sox would add at random and which made borderline words flip.
        try run("/usr/bin/sox", ["-D", directory + "/raw.wav", "-r", "16000", "-c", "1", "-b", "16", directory + "/16k.wav"])
        return Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/16k.wav")))
    }

    private static func run(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
    }
}

extension LocalEngines {
    public static var sileroVAD: String { home + "/models/silero_vad.onnx" }

    public static var vadAvailable: Bool { FileManager.default.fileExists(atPath: sileroVAD) }
}

extension LocalEngines {
    /// The Piper voice `scripts/install-engines.sh` prepares (en_US joe, medium).
    public static var piperJoe: String { home + "/models/en_US-joe-medium/en_US-joe-medium.onnx" }
    /// Whisper base, multilingual: for speech that is not English.
    public static var whisperBase: String { home + "/models/ggml-base.bin" }

    public static var piperAvailable: Bool { FileManager.default.fileExists(atPath: piperJoe) }
}

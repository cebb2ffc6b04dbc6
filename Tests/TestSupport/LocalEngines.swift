import Foundation

/// Where `scripts/install-engines.sh` puts the local engines: `$PARLEY_HOME`, by default
/// `~/.cache/parley`.
public enum LocalEngines {
    public static var home: String {
        ProcessInfo.processInfo.environment["PARLEY_HOME"] ?? (NSHomeDirectory() + "/.cache/parley")
    }

    public static var llamaServer: String { home + "/bin/llama-server" }
    /// The smallest chat model, for tests.
    public static var testModel: String { home + "/models/smollm2-135m-instruct-q4_1.gguf" }

    public static var llamaAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: llamaServer) && FileManager.default.fileExists(atPath: testModel)
    }
}

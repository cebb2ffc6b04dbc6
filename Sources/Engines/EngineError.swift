/// Why a local engine could not run; ``description`` names the file or the failure.
public struct EngineError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Equatable {
        case missingFile(String)
        case processExited(Int32)
        case startupTimedOut
        case noFreePort
        case spawnFailed(Int32)
        case unusableModel(String)
        case wrongSampleRate(expected: Int, got: Int)
        case engineFailed(String)
        case unknownVoice(String)
    }

    private let code: Code

    /// A model, library or program the engine needs is not where the configuration says.
    public static func missingFile(_ path: String) -> Self { Self(code: .missingFile(path)) }
    /// The engine's process ended while starting.
    public static func processExited(status: Int32) -> Self { Self(code: .processExited(status)) }
    /// The engine did not become ready in time.
    public static let startupTimedOut = Self(code: .startupTimedOut)
    public static let noFreePort = Self(code: .noFreePort)
    /// The operating system refused to start the engine's process.
    public static func spawnFailed(errno: Int32) -> Self { Self(code: .spawnFailed(errno)) }
    /// The file is there but the engine cannot load it (corrupt, or not a model it knows).
    public static func unusableModel(_ path: String) -> Self { Self(code: .unusableModel(path)) }
    public static func wrongSampleRate(expected: Int, got: Int) -> Self { Self(code: .wrongSampleRate(expected: expected, got: got)) }
    /// The engine's C library reported an error.
    public static func engineFailed(_ reason: String) -> Self { Self(code: .engineFailed(reason)) }

    /// The engine has no voice of that name.
    public static func unknownVoice(_ name: String) -> Self { Self(code: .unknownVoice(name)) }

    public var description: String {
        switch code {
        case .missingFile(let path): "engine file not found: \(path)"
        case .processExited(let status): "engine process exited while starting (status \(status))"
        case .startupTimedOut: "engine did not become ready in time"
        case .noFreePort: "no free loopback port for the engine"
        case .spawnFailed(let errno): "could not start the engine process (errno \(errno))"
        case .unusableModel(let path): "engine cannot load the model \(path)"
        case .wrongSampleRate(let expected, let got): "engine expects \(expected) Hz audio, got \(got) Hz"
        case .engineFailed(let reason): "engine failed: \(reason)"
        case .unknownVoice(let name): "no voice named \(name)"
        }
    }
}

/// Why a local engine could not run; ``description`` names the file or the failure.
public struct EngineError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Equatable {
        case missingFile(String)
        case processExited(Int32)
        case startupTimedOut
        case noFreePort
        case spawnFailed(Int32)
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

    public var description: String {
        switch code {
        case .missingFile(let path): "engine file not found: \(path)"
        case .processExited(let status): "engine process exited while starting (status \(status))"
        case .startupTimedOut: "engine did not become ready in time"
        case .noFreePort: "no free loopback port for the engine"
        case .spawnFailed(let errno): "could not start the engine process (errno \(errno))"
        }
    }
}

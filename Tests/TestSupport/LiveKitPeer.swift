import Foundation

/// The real `livekit-api` Python package, as the reference verifier of the tokens Parley mints.
///
/// `make test` points `PARLEY_TEST_PYTHON` at a venv that has it and `PARLEY_TEST_PEERS_DIR` at
/// `Tests/peers`; tests that need it are enabled only when both are set.
public enum LiveKitPeer {
    public static var isAvailable: Bool {
        let environment = ProcessInfo.processInfo.environment
        guard let python = environment["PARLEY_TEST_PYTHON"], let peers = environment["PARLEY_TEST_PEERS_DIR"] else { return false }
        return FileManager.default.isExecutableFile(atPath: python) && FileManager.default.fileExists(atPath: peers + "/verify_livekit_token.py")
    }

    /// What `verify_livekit_token.py` said of a token.
    public enum Verdict: Sendable {
        /// The verified claims, as the script printed them (snake_case grants, `room_config`, `payload`).
        case accepted([String: any Sendable])
        /// The verifier's error message.
        case rejected(String)
    }

    public static func verify(_ token: String, apiKey: String, apiSecret: String) throws -> Verdict {
        let environment = ProcessInfo.processInfo.environment
        let process = Process()
        process.executableURL = URL(fileURLWithPath: environment["PARLEY_TEST_PYTHON"]!)
        process.arguments = [environment["PARLEY_TEST_PEERS_DIR"]! + "/verify_livekit_token.py", "--api-key", apiKey, "--api-secret", apiSecret, token]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            return .rejected(String(decoding: errData, as: UTF8.self))
        }
        guard case .object(let object) = try JSONDecoder().decode(PeerJSON.self, from: outData) else { return .rejected("not an object") }
        return .accepted(object.compactMapValues(\.value))
    }
}

/// The verifier's JSON, decoded so that `true` stays a `Bool` and `1` a number.
private enum PeerJSON: Decodable {
    case null, bool(Bool), number(Double), string(String), array([PeerJSON]), object([String: PeerJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([PeerJSON].self) { self = .array(value) }
        else { self = .object(try container.decode([String: PeerJSON].self)) }
    }

    /// `Bool`, `Double`, `String`, `[any Sendable]`, `[String: any Sendable]`, or `nil` for null.
    var value: (any Sendable)? {
        switch self {
        case .null: nil
        case .bool(let value): value
        case .number(let value): value
        case .string(let value): value
        case .array(let value): value.compactMap(\.value)
        case .object(let value): value.compactMapValues(\.value)
        }
    }
}

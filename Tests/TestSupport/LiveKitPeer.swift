import Foundation

/// The real `livekit-api` Python package, as the reference verifier of the tokens Parley mints
/// (see ``PythonPeer``).
public enum LiveKitPeer {
    public static var isAvailable: Bool { PythonPeer.isAvailable("verify_livekit_token.py") }

    /// What `verify_livekit_token.py` said of a token.
    public enum Verdict: Sendable {
        /// The verified claims, as the script printed them (snake_case grants, `room_config`, `payload`).
        case accepted([String: any Sendable])
        /// The verifier's error message.
        case rejected(String)
    }

    public static func verify(_ token: String, apiKey: String, apiSecret: String) throws -> Verdict {
        let result = try PythonPeer.run("verify_livekit_token.py", arguments: ["--api-key", apiKey, "--api-secret", apiSecret, token])
        guard result.status == 0 else {
            return .rejected(String(decoding: result.errors, as: UTF8.self))
        }
        guard case .object(let object) = try JSONDecoder().decode(PeerJSON.self, from: result.output) else { return .rejected("not an object") }
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

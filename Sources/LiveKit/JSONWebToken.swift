import Crypto
import Foundation

/// Compact HS256 JSON Web Tokens: the only kind LiveKit uses.
public enum JSONWebToken {
    private static let header = base64URL(Data(#"{"alg":"HS256","typ":"JWT"}"#.utf8))
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }()

    /// Signs `claims` with `secret`.
    public static func sign(_ claims: some Encodable, secret: String) throws -> String {
        let signingInput = header + "." + base64URL(try encoder.encode(claims))
        return signingInput + "." + base64URL(signature(of: signingInput, secret: secret))
    }

    /// Checks the signature with `secret` and decodes the claims; throws ``JSONWebTokenError``.
    public static func verify<Claims: Decodable>(_ token: String, secret: String, as type: Claims.Type) throws(JSONWebTokenError) -> Claims {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
            let headerData = data(base64URL: parts[0]),
            let payload = data(base64URL: parts[1]),
            let signature = data(base64URL: parts[2])
        else { throw .malformed }
        guard let header = try? JSONDecoder().decode([String: String].self, from: headerData), header["alg"] == "HS256" else {
            throw .unsupportedAlgorithm
        }
        let key = SymmetricKey(data: Data(secret.utf8))
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: Data("\(parts[0]).\(parts[1])".utf8), using: key) else {
            throw .badSignature
        }
        do {
            return try JSONDecoder().decode(Claims.self, from: payload)
        } catch {
            throw .malformed
        }
    }

    private static func signature(of input: String, secret: String) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Data(input.utf8), using: SymmetricKey(data: Data(secret.utf8))))
    }

    /// Base64url without padding, by byte mapping: Foundation's string replacement costs more
    /// than the HMAC itself on the token-minting path.
    static func base64URL(_ data: Data) -> String {
        var bytes = Array(data.base64EncodedString().utf8)
        while bytes.last == UInt8(ascii: "=") { bytes.removeLast() }
        for index in bytes.indices {
            switch bytes[index] {
            case UInt8(ascii: "+"): bytes[index] = UInt8(ascii: "-")
            case UInt8(ascii: "/"): bytes[index] = UInt8(ascii: "_")
            default: break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func data(base64URL text: Substring) -> Data? {
        var bytes = Array(text.utf8)
        for index in bytes.indices {
            switch bytes[index] {
            case UInt8(ascii: "-"): bytes[index] = UInt8(ascii: "+")
            case UInt8(ascii: "_"): bytes[index] = UInt8(ascii: "/")
            case UInt8(ascii: "+"), UInt8(ascii: "/"), UInt8(ascii: "="): return nil
            default: break
            }
        }
        bytes += Array(repeating: UInt8(ascii: "="), count: (4 - bytes.count % 4) % 4)
        return Data(base64Encoded: Data(bytes))
    }
}

/// Why a token was refused.
public enum JSONWebTokenError: Error, Sendable, Equatable {
    case malformed
    case unsupportedAlgorithm
    case badSignature
}

import Crypto
import Foundation

/// Compact HS256 JSON Web Tokens: the only kind LiveKit uses.
public enum JSONWebToken {
    private static let header = base64URL(Data(#"{"alg":"HS256","typ":"JWT"}"#.utf8))

    /// Signs `claims` with `secret`.
    public static func sign(_ claims: some Encodable, secret: String) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
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

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func data(base64URL text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}

/// Why a token was refused.
public enum JSONWebTokenError: Error, Sendable, Equatable {
    case malformed
    case unsupportedAlgorithm
    case badSignature
}

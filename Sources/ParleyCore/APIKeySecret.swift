import Crypto
import Foundation

/// The plaintext of an API key: `pk_`, a 12-character lookup id, then a 32-character secret.
///
/// The lookup id finds the stored record without revealing anything; the SHA-256 of the whole key is
/// what is stored and is compared in constant time.
public struct APIKeySecret: Sendable, Equatable, CustomStringConvertible {
    public static let prefix = "pk_"
    static let lookupLength = 12
    static let secretLength = 32
    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    /// The full key as the client sends it. Show it once; never log it.
    public let plaintext: String
    public let lookupID: String

    /// Parses a key a client sent; `nil` when it cannot be a Parley key (no store lookup needed).
    public init?(_ plaintext: String) {
        let bytes = Array(plaintext.utf8)
        let prefix = Array(Self.prefix.utf8)
        guard bytes.count == prefix.count + Self.lookupLength + Self.secretLength,
            bytes.starts(with: prefix),
            bytes.dropFirst(prefix.count).allSatisfy(Self.alphabet.contains)
        else { return nil }
        self.plaintext = plaintext
        self.lookupID = String(decoding: bytes[prefix.count..<(prefix.count + Self.lookupLength)], as: UTF8.self)
    }

    /// A new random key from the system's cryptographic generator.
    public static func generate() -> APIKeySecret {
        var generator = SystemRandomNumberGenerator()
        let body = (0..<(lookupLength + secretLength)).map { _ in
            alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))]
        }
        return APIKeySecret(Self.prefix + String(decoding: body, as: UTF8.self))!
    }

    /// SHA-256 of the whole key: what the store keeps.
    public var hash: [UInt8] { Array(SHA256.hash(data: Array(plaintext.utf8))) }

    /// Whether this key is the one `stored` was made from, compared in constant time.
    public func matches(_ stored: APIKey) -> Bool {
        let candidate = hash
        guard candidate.count == stored.secretHash.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(candidate, stored.secretHash) { difference |= a ^ b }
        return difference == 0 && stored.lookupID == lookupID
    }

    public var description: String { "\(Self.prefix)\(lookupID)…" }
}

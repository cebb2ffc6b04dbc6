import Foundation
@testable import LiveKit
import Testing

@Suite struct JSONWebTokenTests {
    struct Payload: Codable, Equatable {
        var sub: String
        var count: Int
    }

    let secret = "test-secret-0123456789abcdef0123456789"
    let payload = Payload(sub: "alice", count: 3)

    /// The token's three parts, as text.
    func parts(_ token: String) -> [String] {
        token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }

    @Test func signedTokensVerifyWithTheSameSecret() throws {
        let token = try JSONWebToken.sign(payload, secret: secret)
        #expect(parts(token).count == 3)
        let header = try #require(JSONWebToken.data(base64URL: Substring(parts(token)[0])))
        #expect(try JSONDecoder().decode([String: String].self, from: header) == ["alg": "HS256", "typ": "JWT"])
        #expect(!token.contains("=") && !token.contains("+") && !token.contains("/"))
        #expect(try JSONWebToken.verify(token, secret: secret, as: Payload.self) == payload)
    }

    @Test func aChangedPayloadIsRefused() throws {
        var tokenParts = parts(try JSONWebToken.sign(payload, secret: secret))
        tokenParts[1] = JSONWebToken.base64URL(try JSONEncoder().encode(Payload(sub: "mallory", count: 3)))
        #expect(throws: JSONWebTokenError.badSignature) {
            try JSONWebToken.verify(tokenParts.joined(separator: "."), secret: secret, as: Payload.self)
        }
    }

    @Test func aChangedSignatureIsRefused() throws {
        var tokenParts = parts(try JSONWebToken.sign(payload, secret: secret))
        var signature = Array(tokenParts[2])
        signature[10] = signature[10] == "A" ? "B" : "A"
        tokenParts[2] = String(signature)
        #expect(throws: JSONWebTokenError.badSignature) {
            try JSONWebToken.verify(tokenParts.joined(separator: "."), secret: secret, as: Payload.self)
        }
    }

    @Test func anotherSecretIsRefused() throws {
        let token = try JSONWebToken.sign(payload, secret: "some-other-secret-0123456789abcdef")
        #expect(throws: JSONWebTokenError.badSignature) {
            try JSONWebToken.verify(token, secret: secret, as: Payload.self)
        }
    }

    @Test(arguments: [#"{"alg":"none","typ":"JWT"}"#, #"{"alg":"HS512","typ":"JWT"}"#, #"{"typ":"JWT"}"#])
    func algorithmsOtherThanHS256AreRefused(_ header: String) throws {
        var tokenParts = parts(try JSONWebToken.sign(payload, secret: secret))
        tokenParts[0] = JSONWebToken.base64URL(Data(header.utf8))
        #expect(throws: JSONWebTokenError.unsupportedAlgorithm) {
            try JSONWebToken.verify(tokenParts.joined(separator: "."), secret: secret, as: Payload.self)
        }
    }

    @Test(arguments: ["", "garbage", "a.b", "a.b.c.d", "!!!.@@@.###", "eyJhbGciOiJIUzI1NiJ9..."])
    func garbageIsMalformed(_ token: String) {
        #expect(throws: JSONWebTokenError.malformed) {
            try JSONWebToken.verify(token, secret: secret, as: Payload.self)
        }
    }

    @Test func aCorrectlySignedPayloadOfTheWrongShapeIsMalformed() throws {
        let token = try JSONWebToken.sign(["unexpected": true], secret: secret)
        #expect(throws: JSONWebTokenError.malformed) {
            try JSONWebToken.verify(token, secret: secret, as: Payload.self)
        }
    }
}

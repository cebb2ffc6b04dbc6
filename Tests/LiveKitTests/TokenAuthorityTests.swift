import Foundation
import LiveKit
import Testing

@Suite struct TokenAuthorityTests {
    let authority = TokenAuthority(credentials: LiveKitCredentials(apiKey: "APIkey123", apiSecret: "secret-0123456789abcdef0123456789abcdef"))
    let now = Date(timeIntervalSince1970: 1_750_000_000.75)
    let grant = VideoGrant.participant(room: "room-1", canPublishData: true)
    let roomConfig = RoomConfiguration(name: "room-1", agents: [.init(agentName: "parley-agent", metadata: #"{"agent_id":"a1"}"#)])

    func token(tokenID: String? = "jti-1", at time: Date? = nil) throws -> (token: String, claims: AccessTokenClaims) {
        try authority.participantToken(
            identity: "user-7", name: "Ada", metadata: #"{"plan":"pro"}"#, grant: grant, roomConfig: roomConfig,
            tokenID: tokenID, now: time ?? now
        )
    }

    @Test func participantTokensCarryTheirClaims() throws {
        let (token, claims) = try token()
        let expected = AccessTokenClaims(
            iss: "APIkey123", sub: "user-7", nbf: 1_750_000_000, exp: 1_750_003_600, jti: "jti-1",
            name: "Ada", metadata: #"{"plan":"pro"}"#, video: grant, roomConfig: roomConfig
        )
        #expect(claims == expected)
        // The token itself carries them, signed with the secret.
        #expect(try JSONWebToken.verify(token, secret: authority.credentials.apiSecret, as: AccessTokenClaims.self) == expected)
        #expect(try authority.verify(token, now: now) == expected)
    }

    @Test func theTokenIDIsLeftOutUnlessGiven() throws {
        let (token, claims) = try token(tokenID: nil)
        #expect(claims.jti == nil)
        #expect(try authority.verify(token, now: now).jti == nil)
    }

    @Test func tokensAreValidWithinTheLeeway() throws {
        let (token, claims) = try token()
        #expect(throws: Never.self) { try authority.verify(token, now: Date(timeIntervalSince1970: Double(claims.nbf - 9))) }
        #expect(throws: Never.self) { try authority.verify(token, now: Date(timeIntervalSince1970: Double(claims.exp + 9))) }
    }

    @Test func expiredTokensAreRefused() throws {
        let (token, claims) = try token()
        #expect(throws: TokenRejection.expired) { try authority.verify(token, now: Date(timeIntervalSince1970: Double(claims.exp + 11))) }
        #expect(throws: TokenRejection.expired) { try authority.verify(token, now: now.addingTimeInterval(2 * 3600)) }
    }

    @Test func tokensAreRefusedBeforeTheyAreValid() throws {
        let (token, claims) = try token()
        #expect(throws: TokenRejection.notYetValid) { try authority.verify(token, now: Date(timeIntervalSince1970: Double(claims.nbf - 11))) }
    }

    @Test func tokensOfAnotherIssuerOrSecretAreRefused() throws {
        let (token, _) = try token()
        let otherKey = TokenAuthority(credentials: LiveKitCredentials(apiKey: "OtherKey", apiSecret: authority.credentials.apiSecret))
        #expect(throws: TokenRejection.invalid) { try otherKey.verify(token, now: now) }
        let otherSecret = TokenAuthority(credentials: LiveKitCredentials(apiKey: "APIkey123", apiSecret: "another-secret-0123456789abcdef0123"))
        #expect(throws: TokenRejection.invalid) { try otherSecret.verify(token, now: now) }
        #expect(throws: TokenRejection.invalid) { try authority.verify("not.a.token", now: now) }
    }
}

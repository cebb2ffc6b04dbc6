import Foundation
import LiveKit
import Testing
import TestSupport

/// Tokens checked by the real `livekit-api` TokenVerifier (Python), LiveKit's own reading of them.
@Suite(.enabled(if: LiveKitPeer.isAvailable, "needs PARLEY_TEST_PYTHON and PARLEY_TEST_PEERS_DIR"))
struct LiveKitPeerTests {
    let credentials = LiveKitCredentials(apiKey: "APIpeerKey", apiSecret: "peer-secret-0123456789abcdef0123456789")
    var authority: TokenAuthority { TokenAuthority(credentials: credentials) }

    func participantToken(canPublishData: Bool = true, now: Date = Date()) throws -> String {
        try authority.participantToken(
            identity: "caller-42",
            name: "Grace Hopper",
            metadata: #"{"session":"s-1"}"#,
            grant: .participant(room: "parley-room-9", canPublishData: canPublishData),
            roomConfig: RoomConfiguration(name: "parley-room-9", agents: [.init(agentName: "parley", metadata: #"{"agent_id":"a-1"}"#)]),
            tokenID: "jti-peer",
            now: now
        ).token
    }

    func verify(_ token: String, secret: String? = nil) throws -> LiveKitPeer.Verdict {
        try LiveKitPeer.verify(token, apiKey: credentials.apiKey, apiSecret: secret ?? credentials.apiSecret)
    }

    @Test(arguments: [false, true])
    func participantTokensAreAccepted(canPublishData: Bool) throws {
        let verdict = try verify(try participantToken(canPublishData: canPublishData))
        guard case .accepted(let claims) = verdict else {
            Issue.record("livekit-api rejected the token: \(verdict)")
            return
        }
        #expect(claims["identity"] as? String == "caller-42")
        #expect(claims["name"] as? String == "Grace Hopper")
        #expect(claims["metadata"] as? String == #"{"session":"s-1"}"#)

        let video = try #require(claims["video"] as? [String: any Sendable])
        #expect(video["room_join"] as? Bool == true)
        #expect(video["room"] as? String == "parley-room-9")
        #expect(video["can_publish"] as? Bool == true)
        #expect(video["can_subscribe"] as? Bool == true)
        #expect(video["can_publish_data"] as? Bool == canPublishData)

        let roomConfig = try #require(claims["room_config"] as? [String: any Sendable])
        #expect(roomConfig["name"] as? String == "parley-room-9")
        let agents = try #require(roomConfig["agents"] as? [any Sendable])
        #expect(agents.count == 1)
        let agent = try #require(agents.first as? [String: any Sendable])
        #expect(agent["agent_name"] as? String == "parley")
        #expect(agent["metadata"] as? String == #"{"agent_id":"a-1"}"#)

        let payload = try #require(claims["payload"] as? [String: any Sendable])
        #expect(payload["iss"] as? String == credentials.apiKey)
        #expect(payload["jti"] as? String == "jti-peer")
    }

    @Test func aTamperedTokenIsRejected() throws {
        var parts = try participantToken().split(separator: ".").map(String.init)
        let forged = AccessTokenClaims(iss: credentials.apiKey, sub: "admin", nbf: 0, exp: Int64(Date().timeIntervalSince1970) + 3600)
        parts[1] = try JSONWebToken.sign(forged, secret: "whatever").split(separator: ".")[1].description
        expectRejected(try verify(parts.joined(separator: ".")), because: "Signature")
    }

    @Test func aTokenSignedWithAnotherSecretIsRejected() throws {
        let token = try participantToken()
        expectRejected(try verify(token, secret: "a-different-secret-0123456789abcdef012"), because: "Signature")
    }

    @Test func aTokenThatExpiredTwoMinutesAgoIsRejected() throws {
        let token = try participantToken(now: Date().addingTimeInterval(-3600 - 120))
        expectRejected(try verify(token), because: "Expired")
    }

    private func expectRejected(_ verdict: LiveKitPeer.Verdict, because reason: String, sourceLocation: SourceLocation = #_sourceLocation) {
        switch verdict {
        case .accepted(let claims):
            Issue.record("livekit-api accepted the token: \(claims)", sourceLocation: sourceLocation)
        case .rejected(let message):
            #expect(message.contains(reason), "\(message)", sourceLocation: sourceLocation)
        }
    }
}

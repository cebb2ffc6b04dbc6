import Foundation
import Hummingbird
import HummingbirdTesting
import ParleyCore
import TestSupport
import Testing

/// Tokens from each session API, checked by LiveKit's own Python verifier.
@Suite(.enabled(if: LiveKitPeer.isAvailable, "needs PARLEY_TEST_PYTHON with livekit-api (make test sets it)"))
struct LiveKitPeerTests {
    @Test(arguments: [
        ("/v1/chat/voice-sessions", false),
        ("/token", true),
        ("/api/webrtc/token", true),
    ])
    func liveKitAcceptsTheTokenWithItsGrantsAndDispatch(_ path: String, _ canPublishData: Bool) async throws {
        let fixture = try await ServerFixture.make()
        let body: [String: Any] =
            path == "/token"
            ? ["workspace_id": fixture.organization.id.lowercasedString, "agent_id": fixture.agent.id.lowercasedString, "chat_id": "c-1"]
            : ["agent_id": fixture.agent.id.lowercasedString]
        let payload = json(body)
        let response = try await fixture.application().test(.router) { client in
            try await client.call(.post, path, key: fixture.apiKey, body: payload).text
        }.data(using: .utf8).flatMap { try JSONSerialization.jsonObject(with: $0) as? [String: Any] } ?? [:]
        let token = try #require(response["token"] as? String)
        let room = try #require(response["room_name"] as? String)
        guard case .accepted(let claims) = try LiveKitPeer.verify(token, apiKey: fixture.credentials.apiKey, apiSecret: fixture.credentials.apiSecret) else {
            Issue.record("livekit-api refused the token")
            return
        }
        let video = try #require(claims["video"] as? [String: any Sendable])
        #expect(video["room_join"] as? Bool == true)
        #expect(video["room"] as? String == room)
        #expect(video["can_publish"] as? Bool == true)
        #expect(video["can_subscribe"] as? Bool == true)
        #expect(video["can_publish_data"] as? Bool == canPublishData)
        let roomConfig = try #require(claims["room_config"] as? [String: any Sendable])
        #expect(roomConfig["name"] as? String == room)
        let agents = try #require(roomConfig["agents"] as? [[String: any Sendable]])
        #expect(agents.first?["agent_name"] as? String == "parley-agent")
        #expect((agents.first?["metadata"] as? String)?.contains(fixture.agent.id.lowercasedString) == true)
        #expect((claims["identity"] as? String)?.isEmpty == false)
        let signed = try #require(claims["payload"] as? [String: any Sendable])
        #expect((signed["exp"] as? Double ?? 0) - (signed["nbf"] as? Double ?? 0) == 3600)
    }

    @Test func aTamperedOrForeignTokenIsRefused() async throws {
        let fixture = try await ServerFixture.make()
        let token = try await fixture.application().test(.router) { client in
            try #require(try await client.call(
                .post, "/v1/chat/voice-sessions", key: fixture.apiKey, body: json(["agent_id": fixture.agent.id.lowercasedString])
            ).object()["token"] as? String)
        }
        let parts = token.split(separator: ".").map(String.init)
        var payloadCharacters = Array(parts[1])
        payloadCharacters[10] = payloadCharacters[10] == "A" ? "B" : "A"
        let tampered = [parts[0], String(payloadCharacters), parts[2]].joined(separator: ".")
        guard case .rejected = try LiveKitPeer.verify(tampered, apiKey: fixture.credentials.apiKey, apiSecret: fixture.credentials.apiSecret) else {
            Issue.record("a tampered token was accepted")
            return
        }
        guard case .rejected = try LiveKitPeer.verify(token, apiKey: fixture.credentials.apiKey, apiSecret: "another-secret-0123456789abcdef") else {
            Issue.record("a token was accepted with the wrong secret")
            return
        }
    }
}

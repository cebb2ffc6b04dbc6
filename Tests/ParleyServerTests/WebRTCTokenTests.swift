import Foundation
import Hummingbird
import HummingbirdTesting
import LiveKit
import ParleyCore
import ParleyStorage
@testable import ParleyServer
import Testing

/// Seed 003: `POST /api/webrtc/token`.
@Suite struct WebRTCTokenTests {
    @Test func overridesAndMetadataReachTheAgent() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            let response = try await client.call(
                .post, "/api/webrtc/token", key: fixture.apiKey,
                body: json([
                    "agent_id": fixture.agent.id.lowercasedString, "voice_gender": "male", "primary_language": "en",
                    "secondary_language": "hi", "welcome_message": "Hello! How can I help you today?", "welcome_interruptible": false,
                    "bg_noise_enabled": true, "bg_noise_volume": 40, "voice_speed": 1.1, "env_flag": "staging",
                    "websocket_url": "wss://media.example.test", "metadata": ["customer": ["tier": "gold"], "ticket": 42],
                ])
            )
            #expect(response.status == .ok)
            let body = try response.object()
            #expect(Set(body.keys) == ["token", "room_name", "agent_name", "connection_url"])
            #expect(body["agent_name"] as? String == fixture.agent.id.lowercasedString)
            #expect(body["connection_url"] as? String == "wss://media.example.test")
            let room = try #require(body["room_name"] as? String)
            #expect(room.hasPrefix("room_" + fixture.agent.id.lowercasedString.replacingOccurrences(of: "-", with: "_") + "_"))

            let claims = try fixture.authority.verify(try #require(body["token"] as? String))
            #expect(claims.jti != nil, "single-use tokens carry an id")
            let metadata = try #require(claims.metadata)
            #expect(claims.roomConfig?.agents.first?.metadata == metadata)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(metadata.utf8)) as? [String: Any])
            let overrides = try #require(object["overrides"] as? [String: Any])
            #expect(overrides["voice_gender"] as? String == "male")
            #expect(overrides["bg_noise_volume"] as? Int == 40)
            #expect(overrides["welcome_interruptible"] as? Bool == false)
            #expect(overrides["voice_speed"] as? Double == 1.1)
            #expect(overrides["env_flag"] as? String == "staging")
            #expect(((object["metadata"] as? [String: Any])?["customer"] as? [String: Any])?["tier"] as? String == "gold")
        }
    }

    @Test func agentsCanBeNamedByName() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            for body in [["agent_name": "Support Agent"], ["agent_id": "Support Agent"]] {
                let response = try await client.call(.post, "/api/webrtc/token", key: fixture.apiKey, body: json(body))
                #expect(response.status == .ok)
                #expect(try response.object()["agent_name"] as? String == fixture.agent.id.lowercasedString)
            }
            let missing = try await client.call(.post, "/api/webrtc/token", key: fixture.apiKey, body: json(["voice_speed": 1]))
            #expect(missing.status == .badRequest)
            let unknown = try await client.call(.post, "/api/webrtc/token", key: fixture.apiKey, body: json(["agent_name": "Nobody"]))
            #expect(unknown.status == .notFound)
        }
    }

    @Test(arguments: [
        ("voice_gender", "robot" as any Sendable), ("bg_noise_volume", 101), ("bg_noise_volume", -1), ("bg_noise_volume", 12.5),
        ("voice_speed", 0.5), ("voice_speed", 1.5), ("primary_language", "Hindi"), ("welcome_interruptible", "no"),
        ("websocket_url", "https://not-a-websocket.test"), ("metadata", "a string"), ("bg_noise_enabled", 1),
    ])
    func invalidOverridesAre422(_ field: String, _ value: any Sendable) async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            let response = try await client.call(
                .post, "/api/webrtc/token", key: fixture.apiKey, body: json(["agent_id": fixture.agent.id.lowercasedString, field: value])
            )
            #expect(response.status == .unprocessableContent)
            #expect(try response.error().detail.hasPrefix(field))
        }
    }

    @Test func tokensAreAdmittedOnce() async throws {
        let fixture = try await ServerFixture.make()
        let token = try await fixture.application().test(.router) { client in
            let response = try await client.call(
                .post, "/api/webrtc/token", key: fixture.apiKey, body: json(["agent_id": fixture.agent.id.lowercasedString])
            )
            return try #require(try response.object()["token"] as? String)
        }
        let store = try ParleyStorage.SQLiteStore(path: fixture.store.path)
        let gate = SessionTokenGate(authority: fixture.authority, store: store)
        let claims = try await gate.admit(token)
        #expect(claims.jti != nil)
        await #expect(throws: ParleyError.sessionTokenUsed) { try await gate.admit(token) }

        // A token that verifies but was never recorded as issued is not admitted.
        let forged = try fixture.authority.participantToken(
            identity: "x", name: nil, metadata: nil, grant: .participant(room: "r", canPublishData: true), roomConfig: nil, tokenID: "never-issued"
        ).token
        await #expect(throws: ParleyError.invalidSessionToken) { try await gate.admit(forged) }
        await #expect(throws: ParleyError.invalidSessionToken) { try await gate.admit(token + "x") }
    }
}

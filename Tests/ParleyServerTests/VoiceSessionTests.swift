import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LiveKit
import ParleyCore
@testable import ParleyServer
import Testing

/// Seed 001: `POST /v1/chat/voice-sessions`.
@Suite struct VoiceSessionTests {
    @Test func answersARoomAndAParticipantToken() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            let response = try await client.call(
                .post, "/v1/chat/voice-sessions", key: fixture.apiKey, body: json(["agent_id": fixture.agent.id.lowercasedString])
            )
            #expect(response.status == .ok)
            let body = try response.object()
            #expect(Set(body.keys) == ["room_name", "token", "livekit_url", "agent_name"])
            #expect(body["livekit_url"] as? String == "ws://localhost:7880")
            #expect(body["agent_name"] as? String == "Support Agent")
            let room = try #require(body["room_name"] as? String)
            let parts = room.split(separator: "_")
            #expect(parts.count == 4 && parts[0] == "agent" && parts[1] == fixture.agent.id.lowercasedString && Int64(parts[3]) != nil)

            let claims = try fixture.authority.verify(try #require(body["token"] as? String))
            #expect(claims.video == VideoGrant(roomJoin: true, room: room, canPublish: true, canSubscribe: true, canPublishData: false))
            #expect(claims.exp - claims.nbf == 3600)
            #expect(claims.sub == String(parts[2]))
            #expect(claims.roomConfig?.agents.first?.agentName == "parley-agent")
            #expect(claims.jti == nil, "seed 001 tokens are not single-use")
        }
    }

    @Test func twoSessionsInTheSameMillisecondGetDifferentRooms() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            let body = json(["agent_id": fixture.agent.id.lowercasedString])
            async let first = client.call(.post, "/v1/chat/voice-sessions", key: fixture.apiKey, body: body)
            async let second = client.call(.post, "/v1/chat/voice-sessions", key: fixture.apiKey, body: body)
            let rooms = try await [first, second].map { try $0.object()["room_name"] as? String }
            #expect(rooms[0] != nil && rooms[0] != rooms[1])
        }
    }

    @Test func theSeedErrorsAreVerbatim() async throws {
        let fixture = try await ServerFixture.make()
        let textAgent = try await fixture.addAgent { $0.architecture = .text }
        let inactive = try await fixture.addAgent { $0.isActive = false }
        let (_, otherKey, _) = try await ServerFixture.addOrganization(to: fixture.store, name: "other-\(UUID())")
        try await fixture.application().test(.router) { client in
            let path = "/v1/chat/voice-sessions"
            let missing = try await client.call(.post, path, key: fixture.apiKey, body: "{}")
            #expect(missing.status == .badRequest)
            #expect(try missing.error().detail == "Agent ID is required")

            let badKey = try await client.call(.post, path, key: "pk_wrong", body: json(["agent_id": fixture.agent.id.lowercasedString]))
            #expect(badKey.status == .unauthorized)
            #expect(try badKey.error().detail == "Invalid API key")

            for agentID in [UUID().lowercasedString, "not-a-uuid"] {
                let unknown = try await client.call(.post, path, key: fixture.apiKey, body: json(["agent_id": agentID]))
                #expect(unknown.status == .notFound)
                #expect(try unknown.error().detail == "Agent not found or does not belong to your organization")
            }
            let foreign = try await client.call(.post, path, key: otherKey, body: json(["agent_id": fixture.agent.id.lowercasedString]))
            #expect(foreign.status == .notFound)
            #expect(try foreign.error().detail == "Agent not found or does not belong to your organization")

            let text = try await client.call(.post, path, key: fixture.apiKey, body: json(["agent_id": textAgent.id.lowercasedString]))
            #expect(text.status == .badRequest)
            #expect(try text.error().detail == "Agent must be Pipeline or Realtime architecture for voice sessions")

            let off = try await client.call(.post, path, key: fixture.apiKey, body: json(["agent_id": inactive.id.lowercasedString]))
            #expect(off.status == .badRequest)
            #expect(try off.error().code == "agent_inactive")
        }
    }

    @Test(arguments: [Int64(0), -5])
    func noPositiveBalanceIs402(_ balance: Int64) async throws {
        let fixture = try await ServerFixture.make(credits: balance)
        try await fixture.application().test(.router) { client in
            let response = try await client.call(
                .post, "/v1/chat/voice-sessions", key: fixture.apiKey, body: json(["agent_id": fixture.agent.id.lowercasedString])
            )
            #expect(response.status == .init(code: 402))
            #expect(try response.error() == ErrorBody(detail: "Insufficient credits", code: "insufficient_credits"))
        }
    }

    @Test func sessionsAreRateLimitedPerKey() async throws {
        let fixture = try await ServerFixture.make { $0.sessionsPerMinute = 2 }
        try await fixture.application().test(.router) { client in
            let body = json(["agent_id": fixture.agent.id.lowercasedString])
            for _ in 0..<2 {
                #expect(try await client.call(.post, "/v1/chat/voice-sessions", key: fixture.apiKey, body: body).status == .ok)
            }
            let limited = try await client.call(.post, "/api/webrtc/token", key: fixture.apiKey, body: body)
            #expect(limited.status == .tooManyRequests)
            #expect(try await client.call(.get, "/api/dashboard/stats", key: fixture.apiKey).status == .ok, "only sessions are limited")
        }
    }
}

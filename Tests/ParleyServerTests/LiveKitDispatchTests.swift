import Foundation
import Hummingbird
import HummingbirdTesting
import LiveKit
import ParleyCore
import TestSupport
@testable import ParleyServer
import Testing

/// With a LiveKit server configured, sessions create the room and dispatch the agent first.
@Suite struct LiveKitDispatchTests {
    @Test func theRoomIsCreatedAndTheAgentDispatchedBeforeAnswering() async throws {
        try await FakeLiveKitServer.run { port, log in
            let fixture = try await ServerFixture.make { $0.liveKitURL = "ws://127.0.0.1:\(port)" }
            let room = try await fixture.application().test(.router) { client in
                let response = try await client.call(
                    .post, "/v1/chat/voice-sessions", key: fixture.apiKey, body: json(["agent_id": fixture.agent.id.lowercasedString])
                )
                #expect(response.status == .ok)
                #expect(try response.object()["livekit_url"] as? String == "ws://127.0.0.1:\(port)")
                return try #require(try response.object()["room_name"] as? String)
            }
            let received = await log.received
            #expect(received.map(\.path) == ["/twirp/livekit.RoomService/CreateRoom", "/twirp/livekit.AgentDispatchService/CreateDispatch"])
            #expect(received[0].body["name"] as? String == room)
            #expect(received[1].body["room"] as? String == room)
            #expect(received[1].body["agent_name"] as? String == "parley-agent")
            #expect((received[1].body["metadata"] as? String)?.contains(fixture.agent.id.lowercasedString) == true)
            let bearer = try #require(received[1].authorization?.replacingOccurrences(of: "Bearer ", with: ""))
            let claims = try fixture.authority.verify(bearer)
            #expect(claims.video?.roomAdmin == true && claims.video?.room == room)
        }
    }

    @Test func aLiveKitErrorAnswers500WithTheReason() async throws {
        try await FakeLiveKitServer.run(failure: (503, #"{"code":"unavailable","msg":"no nodes"}"#)) { port, _ in
            let fixture = try await ServerFixture.make { $0.liveKitURL = "ws://127.0.0.1:\(port)" }
            try await fixture.application().test(.router) { client in
                let response = try await client.call(
                    .post, "/v1/chat/voice-sessions", key: fixture.apiKey, body: json(["agent_id": fixture.agent.id.lowercasedString])
                )
                #expect(response.status == .internalServerError)
                let error = try response.error()
                #expect(error.detail.hasPrefix("Failed to create voice session: "))
                #expect(error.detail.contains("no nodes"))
            }
        }
    }

    @Test func anUnreachableLiveKitAnswersTheSeedMessage() async throws {
        let port = try await LoopbackServer.closedPort()
        let fixture = try await ServerFixture.make { $0.liveKitURL = "ws://127.0.0.1:\(port)" }
        try await fixture.application().test(.router) { client in
            let response = try await client.call(
                .post, "/api/webrtc/token", key: fixture.apiKey, body: json(["agent_id": fixture.agent.id.lowercasedString])
            )
            #expect(response.status == .internalServerError)
            #expect(try response.error().detail == "Failed to create voice session: LiveKit connection failed")
        }
    }
}

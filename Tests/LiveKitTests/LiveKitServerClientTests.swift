import Foundation
import LiveKit
import Testing

@Suite struct LiveKitServerClientTests {
    let authority = TokenAuthority(credentials: LiveKitCredentials(apiKey: "APIserver", apiSecret: "server-secret-0123456789abcdef012345"))

    /// A client for the fake server, addressed the way deployments configure it: a `ws://` URL.
    func client(port: Int) -> LiveKitServerClient {
        LiveKitServerClient(url: "ws://127.0.0.1:\(port)/", authority: authority, timeout: .seconds(1))
    }

    @Test func theWebSocketURLBecomesTheHTTPBase() {
        #expect(LiveKitServerClient(url: "ws://lk.local:7880/", authority: authority).baseURL == "http://lk.local:7880")
        #expect(LiveKitServerClient(url: "wss://lk.example.com", authority: authority).baseURL == "https://lk.example.com")
        #expect(LiveKitServerClient(url: "https://lk.example.com//", authority: authority).baseURL == "https://lk.example.com")
    }

    @Test func createRoomPostsToRoomService() async throws {
        let request = try await FakeLiveKitServer.withServer { port, recorder in
            try await client(port: port).createRoom(name: "room-1", metadata: #"{"agent":"a-1"}"#, emptyTimeoutSeconds: 120)
            let requests = await recorder.requests
            #expect(requests.count == 1)
            return try #require(requests.first)
        }
        #expect(request.method == .post)
        #expect(request.path == "/twirp/livekit.RoomService/CreateRoom")
        #expect(request.headers[.contentType] == "application/json")
        let body = try request.json()
        #expect(body["name"] as? String == "room-1")
        #expect(body["metadata"] as? String == #"{"agent":"a-1"}"#)
        #expect(body["empty_timeout"] as? Int == 120)

        let claims = try authority.verify(try #require(request.bearer))
        #expect(claims.iss == "APIserver")
        #expect(claims.video?.roomCreate == true)
    }

    @Test func createDispatchPostsToAgentDispatchService() async throws {
        let request = try await FakeLiveKitServer.withServer { port, recorder in
            try await client(port: port).createDispatch(room: "room-2", agentName: "parley-agent", metadata: #"{"call":"c-1"}"#)
            return try #require(await recorder.requests.first)
        }
        #expect(request.method == .post)
        #expect(request.path == "/twirp/livekit.AgentDispatchService/CreateDispatch")
        #expect(request.headers[.contentType] == "application/json")
        let body = try request.json()
        #expect(body["room"] as? String == "room-2")
        #expect(body["agent_name"] as? String == "parley-agent")
        #expect(body["metadata"] as? String == #"{"call":"c-1"}"#)

        let claims = try authority.verify(try #require(request.bearer))
        #expect(claims.video?.roomAdmin == true)
        #expect(claims.video?.room == "room-2")
    }

    @Test func aTwirpErrorBecomesARejection() async throws {
        try await FakeLiveKitServer.withServer(answer: { _ in (404, #"{"code":"not_found","msg":"no such room"}"#) }) { port, _ in
            await #expect(throws: LiveKitServerError.rejected(method: "livekit.AgentDispatchService/CreateDispatch", status: 404, message: "no such room")) {
                try await client(port: port).createDispatch(room: "gone", agentName: "parley-agent", metadata: "{}")
            }
            await #expect(throws: LiveKitServerError.rejected(method: "livekit.RoomService/CreateRoom", status: 404, message: "no such room")) {
                try await client(port: port).createRoom(name: "gone", metadata: "{}")
            }
        }
    }

    @Test func aClosedPortIsUnreachable() async throws {
        // A port the fake server had, now closed again.
        let port = try await FakeLiveKitServer.withServer { port, _ in port }
        await #expect(throws: LiveKitServerError.unreachable) {
            try await client(port: port).createRoom(name: "room", metadata: "{}")
        }
    }
}

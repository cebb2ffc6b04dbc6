import Foundation
import LiveKit
import Testing
import TestSupport

@Suite struct LiveKitServerClientTests {
    let authority = TokenAuthority(credentials: LiveKitCredentials(apiKey: "APIserver", apiSecret: "server-secret-0123456789abcdef012345"))

    /// A client for the fake server, addressed the way deployments configure it: a `ws://` URL.
    /// The timeout is generous for the live fake (other tests load the cores); a refused
    /// connection is retried until it passes, so the unreachable test asks for a short one.
    func client(port: Int, timeout: Duration = .seconds(10)) -> LiveKitServerClient {
        LiveKitServerClient(url: "ws://127.0.0.1:\(port)/", authority: authority, timeout: timeout)
    }

    /// The claims of a request's bearer token, as the server's own credentials read them.
    func bearerClaims(_ request: FakeLiveKitServer.Received) throws -> AccessTokenClaims {
        let authorization = try #require(request.authorization)
        #expect(authorization.hasPrefix("Bearer "))
        return try authority.verify(String(authorization.dropFirst("Bearer ".count)))
    }

    @Test func theWebSocketURLBecomesTheHTTPBase() {
        #expect(LiveKitServerClient(url: "ws://lk.local:7880/", authority: authority).baseURL == "http://lk.local:7880")
        #expect(LiveKitServerClient(url: "wss://lk.example.com", authority: authority).baseURL == "https://lk.example.com")
        #expect(LiveKitServerClient(url: "https://lk.example.com//", authority: authority).baseURL == "https://lk.example.com")
    }

    /// The fake only routes POSTs, so a request it records was a POST.
    @Test func createRoomPostsToRoomService() async throws {
        let received = try await FakeLiveKitServer.run { port, log in
            try await client(port: port).createRoom(name: "room-1", metadata: #"{"agent":"a-1"}"#, emptyTimeoutSeconds: 120)
            return await log.received
        }
        let request = try #require(received.first)
        #expect(received.count == 1)
        #expect(request.path == "/twirp/livekit.RoomService/CreateRoom")
        #expect(request.contentType == "application/json")
        #expect(request.body["name"] as? String == "room-1")
        #expect(request.body["metadata"] as? String == #"{"agent":"a-1"}"#)
        #expect(request.body["empty_timeout"] as? String == "120")

        let claims = try bearerClaims(request)
        #expect(claims.iss == "APIserver")
        #expect(claims.video?.roomCreate == true)
    }

    @Test func createDispatchPostsToAgentDispatchService() async throws {
        let received = try await FakeLiveKitServer.run { port, log in
            try await client(port: port).createDispatch(room: "room-2", agentName: "parley-agent", metadata: #"{"call":"c-1"}"#)
            return await log.received
        }
        let request = try #require(received.first)
        #expect(received.count == 1)
        #expect(request.path == "/twirp/livekit.AgentDispatchService/CreateDispatch")
        #expect(request.contentType == "application/json")
        #expect(request.body["room"] as? String == "room-2")
        #expect(request.body["agent_name"] as? String == "parley-agent")
        #expect(request.body["metadata"] as? String == #"{"call":"c-1"}"#)

        let claims = try bearerClaims(request)
        #expect(claims.video?.roomAdmin == true)
        #expect(claims.video?.room == "room-2")
    }

    @Test func aTwirpErrorBecomesARejection() async throws {
        try await FakeLiveKitServer.run(failure: (404, #"{"code":"not_found","msg":"no such room"}"#)) { port, _ in
            await #expect(throws: LiveKitServerError.rejected(method: "livekit.AgentDispatchService/CreateDispatch", status: 404, message: "no such room")) {
                try await client(port: port).createDispatch(room: "gone", agentName: "parley-agent", metadata: "{}")
            }
            await #expect(throws: LiveKitServerError.rejected(method: "livekit.RoomService/CreateRoom", status: 404, message: "no such room")) {
                try await client(port: port).createRoom(name: "gone", metadata: "{}")
            }
        }
    }

    @Test func aClosedPortIsUnreachable() async throws {
        let port = try await LoopbackServer.closedPort()
        await #expect(throws: LiveKitServerError.unreachable) {
            try await client(port: port, timeout: .seconds(1)).createRoom(name: "room", metadata: "{}")
        }
    }
}

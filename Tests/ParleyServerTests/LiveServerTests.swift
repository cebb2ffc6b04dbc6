import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The same application over a real socket.
@Suite struct LiveServerTests {
    @Test func aSessionOverRealHTTP() async throws {
        let fixture = try await ServerFixture.make { $0.port = 0 }
        try await fixture.application().test(.live) { client in
            #expect(try await client.call(.get, "/health").status == .ok)
            let response = try await client.call(
                .post, "/v1/chat/voice-sessions", key: fixture.apiKey, body: json(["agent_id": fixture.agent.id.lowercasedString])
            )
            #expect(response.status == .ok)
            #expect(try response.object()["token"] is String)
        }
    }
}

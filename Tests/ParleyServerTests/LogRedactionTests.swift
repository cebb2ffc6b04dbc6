import Foundation
import Hummingbird
import HummingbirdTesting
import InMemoryLogging
import Logging
import ParleyCore
import Testing

/// No API key or token ever reaches the logs, whatever the request carried.
@Suite struct LogRedactionTests {
    @Test func keysAndTokensStayOutOfTheLogs() async throws {
        let fixture = try await ServerFixture.make()
        let handler = InMemoryLogHandler()
        var logger = Logger(label: "parley-test") { _ in handler }
        logger.logLevel = .trace
        let tokens = try await fixture.application(logger: logger).test(.router) { client in
            var tokens: [String] = []
            let session = try await client.call(
                .post, "/v1/chat/voice-sessions?api_key=\(fixture.apiKey)", key: fixture.apiKey,
                body: json(["agent_id": fixture.agent.id.lowercasedString])
            )
            tokens.append(try #require(try session.object()["token"] as? String))
            let created = try await client.call(.post, "/api/dashboard/api-keys", key: fixture.apiKey, body: json(["label": "x"]))
            tokens.append(try #require(try created.object()["api_key"] as? String))
            _ = try await client.call(.get, "/api/dashboard/agents?api_key=\(fixture.apiKey)", key: "pk_wrong_key_in_header")
            _ = try await client.call(.post, "/token", key: fixture.apiKey, body: "{broken")
            return tokens
        }
        let logged = handler.entries.map { entry in
            "\(entry.message) \(entry.metadata.map { "\($0.key)=\($0.value)" }.joined(separator: " "))"
        }.joined(separator: "\n")
        #expect(logged.contains("/v1/chat/voice-sessions"), "the requests were logged")
        for secret in [fixture.apiKey, "pk_wrong_key_in_header", fixture.credentials.apiSecret] + tokens {
            #expect(!logged.contains(secret))
        }
        #expect(!logged.contains("api_key="))
    }
}

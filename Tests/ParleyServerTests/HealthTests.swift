import Foundation
import Hummingbird
import HummingbirdTesting
@testable import ParleyServer
import Testing

@Suite struct HealthTests {
    @Test func healthNamesTheStoreAndVersion() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            let response = try await client.call(.get, "/health")
            #expect(response.status == .ok)
            let body = try response.object()
            #expect(body["status"] as? String == "ok")
            #expect(body["store"] as? String == "sqlite")
            #expect(body["version"] as? String == "0.1.0")
            let engines = try #require(body["engines"] as? [String: Any])
            #expect(engines.keys.sorted() == ["llm_models", "stt_models", "tts_voices"])
        }
    }

    @Test func metricsRenderTheRegistryInPrometheusFormat() async throws {
        let fixture = try await ServerFixture.make()
        fixture.registry.makeCounter(name: "parley_test_marker_total").increment(by: Int64(3))
        try await fixture.application().test(.router) { client in
            let response = try await client.call(.get, "/metrics")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
            #expect(response.text.contains("parley_test_marker_total 3"))
        }
    }

    @Test func unknownPathsUseTheErrorShape() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            let response = try await client.call(.get, "/no/such/path")
            #expect(response.status == .notFound)
            #expect(try response.error().code == "not_found")
        }
    }
}

@Suite struct CORSTests {
    @Test func browsersMayCallTheAPIWithAKeyHeader() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            let preflight = try await client.executeRequest(
                uri: "/api/webrtc/token", method: .options,
                headers: [.origin: "https://app.example.com", .accessControlRequestMethod: "POST",
                          .accessControlRequestHeaders: "content-type, x-api-key"],
                body: nil
            )
            #expect(preflight.status == .noContent || preflight.status == .ok)
            #expect(preflight.headers[.accessControlAllowOrigin] == "*")
            #expect(preflight.headers[.accessControlAllowHeaders]?.lowercased().contains("x-api-key") == true)
            #expect(preflight.headers[.accessControlAllowMethods]?.contains("POST") == true)

            let refused = try await client.executeRequest(
                uri: "/api/dashboard/agents", method: .get, headers: [.origin: "https://app.example.com"], body: nil
            )
            #expect(refused.status == .unauthorized)
            #expect(refused.headers[.accessControlAllowOrigin] == "*", "errors carry the header too, so the page can read them")
        }
    }

    @Test func corsCanBeTurnedOff() async throws {
        let fixture = try await ServerFixture.make { $0.corsOrigin = nil }
        try await fixture.application().test(.router) { client in
            let response = try await client.executeRequest(uri: "/health", method: .get, headers: [.origin: "https://app.example.com"], body: nil)
            #expect(response.headers[.accessControlAllowOrigin] == nil)
        }
    }
}

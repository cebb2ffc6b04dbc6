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

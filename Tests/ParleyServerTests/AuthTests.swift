import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ParleyCore
@testable import ParleyServer
import Testing

@Suite struct AuthTests {
    @Test func aMissingKeyIs401() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            let response = try await client.call(.get, "/api/dashboard/agents")
            #expect(response.status == .unauthorized)
            #expect(try response.error().code == "missing_api_key")
        }
    }

    @Test(arguments: ["pk_nonsense", "pk_" + String(repeating: "A", count: 44), "Bearer something"])
    func anUnknownKeyIsInvalid(_ key: String) async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            let response = try await client.call(.get, "/api/dashboard/agents", key: key)
            #expect(response.status == .unauthorized)
            #expect(try response.error() == ErrorBody(detail: "Invalid API key", code: "invalid_api_key"))
        }
    }

    @Test func theHeaderNameIsCaseInsensitive() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            let response = try await client.executeRequest(
                uri: "/api/dashboard/stats", method: .get, headers: [HTTPField.Name("x-api-key")!: fixture.apiKey], body: nil
            )
            #expect(response.status == .ok)
        }
    }

    @Test func keysAreCreatedListedWithoutSecretsAndRevoked() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            let created = try await client.call(.post, "/api/dashboard/api-keys", key: fixture.apiKey, body: json(["label": "ci"]))
            #expect(created.status == .created)
            let newKey = try #require(try created.object()["api_key"] as? String)
            let newID = try #require(try created.object()["id"] as? String)
            #expect(newKey.hasPrefix("pk_"))
            #expect(try await client.call(.get, "/api/dashboard/stats", key: newKey).status == .ok)

            let list = try await client.call(.get, "/api/dashboard/api-keys", key: fixture.apiKey)
            #expect(!list.text.contains(newKey))
            let keys = try #require(try list.object()["api_keys"] as? [[String: Any]])
            #expect(keys.count == 2)
            #expect(keys.allSatisfy { $0["api_key"] == nil && ($0["prefix"] as? String)?.hasPrefix("pk_") == true })

            #expect(try await client.call(.delete, "/api/dashboard/api-keys/\(newID)", key: fixture.apiKey).status == .noContent)
            let revoked = try await client.call(.get, "/api/dashboard/stats", key: newKey)
            #expect(revoked.status == .unauthorized)
            #expect(try revoked.error().detail == "Invalid API key")
            #expect(try await client.call(.get, "/api/dashboard/stats", key: fixture.apiKey).status == .ok)
        }
    }

    @Test func anotherOrganizationCannotRevokeMyKey() async throws {
        let fixture = try await ServerFixture.make()
        let (_, otherKey, _) = try await ServerFixture.addOrganization(to: fixture.store, name: "other-\(UUID())")
        try await fixture.application().test(.router) { client in
            let response = try await client.call(.delete, "/api/dashboard/api-keys/\(fixture.apiKeyID.lowercasedString)", key: otherKey)
            #expect(response.status == .notFound)
            #expect(try await client.call(.get, "/api/dashboard/stats", key: fixture.apiKey).status == .ok)
        }
    }

    @Test func restRequestsAreRateLimitedPerKey() async throws {
        let fixture = try await ServerFixture.make { $0.requestsPerMinute = 3 }
        let (_, otherKey, _) = try await ServerFixture.addOrganization(to: fixture.store, name: "other-\(UUID())")
        try await fixture.application().test(.router) { client in
            for _ in 0..<3 {
                #expect(try await client.call(.get, "/api/dashboard/stats", key: fixture.apiKey).status == .ok)
            }
            let limited = try await client.call(.get, "/api/dashboard/stats", key: fixture.apiKey)
            #expect(limited.status == .tooManyRequests)
            #expect(try limited.error().code == "rate_limited")
            #expect(Int(limited.headers[.retryAfter] ?? "") ?? 0 >= 1)
            #expect(try await client.call(.get, "/api/dashboard/stats", key: otherKey).status == .ok, "other keys are not affected")
        }
    }
}

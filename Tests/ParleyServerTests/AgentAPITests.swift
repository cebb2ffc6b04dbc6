import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ParleyCore
@testable import ParleyServer
import Testing

@Suite struct AgentAPITests {
    @Test func createFillsDefaultsAndAnswers201() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            let response = try await client.call(
                .post, "/api/dashboard/agents", key: fixture.apiKey,
                body: json(["name": "Sales", "system_prompt": "Sell.", "voice_speed": 1.2, "architecture": "Realtime"])
            )
            #expect(response.status == .created)
            let agent = try response.object()
            let id = try #require(agent["id"] as? String)
            #expect(UUID(uuidString: id) != nil && id == id.lowercased())
            #expect(agent["name"] as? String == "Sales")
            #expect(agent["architecture"] as? String == "realtime")
            #expect(agent["voice_speed"] as? Double == 1.2)
            #expect(agent["temperature"] as? Double == 0.7)
            #expect(agent["active"] as? Bool == true)
            #expect(agent["welcome_message"] is NSNull)
            #expect(agent["created_at"] is String)

            let stored = try #require(try await fixture.store.agent(id: UUID(uuidString: id)!, organizationID: fixture.organization.id))
            #expect(stored.settings.systemPrompt == "Sell.")
        }
    }

    @Test func listGetUpdateDelete() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            let path = "/api/dashboard/agents/\(fixture.agent.id.lowercasedString)"
            let list = try await client.call(.get, "/api/dashboard/agents", key: fixture.apiKey)
            #expect(list.status == .ok)
            let agents = try #require(try list.object()["agents"] as? [[String: Any]])
            #expect(agents.map { $0["name"] as? String } == ["Support Agent"])

            let shown = try await client.call(.get, path, key: fixture.apiKey)
            #expect(try shown.object()["name"] as? String == "Support Agent")

            let patched = try await client.call(
                .patch, path, key: fixture.apiKey,
                body: json(["welcome_message": "Hello!", "welcome_interruptible": false, "llm_model": "qwen2.5-0.5b"])
            )
            #expect(patched.status == .ok)
            let agent = try patched.object()
            #expect(agent["welcome_message"] as? String == "Hello!")
            #expect(agent["welcome_interruptible"] as? Bool == false)
            #expect(agent["name"] as? String == "Support Agent", "fields not named stay as they were")

            // PUT with what GET returned (read-only fields included) and null clearing a setting.
            var roundTrip = agent
            roundTrip["welcome_message"] = NSNull()
            roundTrip["silence_threshold_ms"] = 700
            let put = try await client.call(.put, path, key: fixture.apiKey, body: json(roundTrip))
            #expect(put.status == .ok)
            #expect(try put.object()["welcome_message"] is NSNull)
            #expect(try put.object()["silence_threshold_ms"] as? Int == 700)
            #expect(try put.object()["llm_model"] as? String == "qwen2.5-0.5b")

            let deleted = try await client.call(.delete, path, key: fixture.apiKey)
            #expect(deleted.status == .noContent)
            let gone = try await client.call(.get, path, key: fixture.apiKey)
            #expect(gone.status == .notFound)
            #expect(try gone.error().detail == "Agent not found or does not belong to your organization")
        }
    }

    @Test(arguments: [
        (#"{"name": "A", "voice_speed": 1.5}"#, "voice_speed"),
        (#"{"name": "A", "voice_speed": "fast"}"#, "voice_speed"),
        (#"{"name": "A", "temperature": -1}"#, "temperature"),
        (#"{"name": "A", "architecture": "video"}"#, "architecture"),
        (#"{"name": "A", "active": "yes"}"#, "active"),
        (#"{"name": "A", "silence_threshold_ms": 1.5}"#, "silence_threshold_ms"),
        (#"{"name": "A", "primary_language": "English"}"#, "primary_language"),
        (#"{"name": "", "voice_speed": 1}"#, "name"),
        (#"{"name": "A", "voice_sped": 1}"#, "voice_sped"),
    ])
    func invalidFieldsAnswer422NamingTheField(_ body: String, _ field: String) async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            let response = try await client.call(.post, "/api/dashboard/agents", key: fixture.apiKey, body: body)
            #expect(response.status == .unprocessableContent)
            #expect(try response.error().detail.contains(field))
            #expect(try await fixture.store.agents(organizationID: fixture.organization.id).count == 1, "nothing written")
        }
    }

    @Test func aMissingNameIs400() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            let response = try await client.call(.post, "/api/dashboard/agents", key: fixture.apiKey, body: "{}")
            #expect(response.status == .badRequest)
            #expect(try response.error() == ErrorBody(detail: "name is required", code: "missing_field"))
        }
    }

    @Test func anInvalidUpdateChangesNothing() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            let response = try await client.call(
                .patch, "/api/dashboard/agents/\(fixture.agent.id.lowercasedString)", key: fixture.apiKey,
                body: json(["name": "Renamed", "voice_speed": 9])
            )
            #expect(response.status == .unprocessableContent)
            let stored = try await fixture.store.agent(id: fixture.agent.id, organizationID: fixture.organization.id)
            #expect(stored?.settings.name == "Support Agent")
        }
    }

    @Test func anotherOrganizationsAgentIsNotFound() async throws {
        let fixture = try await ServerFixture.make()
        let (_, otherKey, _) = try await ServerFixture.addOrganization(to: fixture.store, name: "other-\(UUID())")
        try await fixture.application().test(.router) { client in
            let path = "/api/dashboard/agents/\(fixture.agent.id.lowercasedString)"
            #expect(try await client.call(.get, path, key: otherKey).status == .notFound)
            #expect(try await client.call(.patch, path, key: otherKey, body: json(["name": "Mine"])).status == .notFound)
            #expect(try await client.call(.delete, path, key: otherKey).status == .notFound)
            let list = try await client.call(.get, "/api/dashboard/agents", key: otherKey)
            #expect((try list.object()["agents"] as? [Any])?.isEmpty == true)
            #expect(try await client.call(.get, "/api/dashboard/agents/not-a-uuid", key: otherKey).status == .notFound)
            let stored = try await fixture.store.agent(id: fixture.agent.id, organizationID: fixture.organization.id)
            #expect(stored?.settings.name == "Support Agent")
        }
    }
}

import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ParleyCore
@testable import ParleyServer
import Testing

@Suite struct SIPDispatchAPITests {
    /// A trunk of the fixture's organisation, by the API: its id.
    static func makeTrunk(_ client: some TestClientProtocol, _ fixture: ServerFixture) async throws -> String {
        let created = try await client.call(.post, "/sip/trunk", key: fixture.apiKey, body: json(["trunk_name": "Main", "allowed_addresses": ["192.0.2.1"]]))
        return try #require(try created.object()["trunk_id"] as? String)
    }

    @Test func createListGetDelete() async throws {
        let fixture = try await ServerFixture.make()
        let fallback = try await fixture.addAgent()
        try await fixture.application().test(.router) { client in
            let trunk = try await Self.makeTrunk(client, fixture)
            let created = try await client.call(.post, "/sip/dispatch", key: fixture.apiKey, body: json([
                "workspace_id": fixture.organization.id.lowercasedString, "name": "Sales line", "called_number": "+15550001111",
                "trunk_id": trunk, "agent_id": fixture.agent.id.lowercasedString, "fallback_agent_id": fallback.id.lowercasedString,
            ]))
            #expect(created.status == .created)
            let rule = try created.object()
            let id = try #require(rule["rule_id"] as? String)
            #expect(rule["workspace_id"] as? String == fixture.organization.id.lowercasedString)
            #expect(rule["name"] as? String == "Sales line")
            #expect(rule["called_number"] as? String == "+15550001111")
            #expect(rule["trunk_id"] as? String == trunk)
            #expect(rule["agent_id"] as? String == fixture.agent.id.lowercasedString)
            #expect(rule["fallback_agent_id"] as? String == fallback.id.lowercasedString)
            #expect(rule["created_at"] is String)

            let catchAll = try await client.call(.post, "/sip/dispatch", key: fixture.apiKey, body: json(["agent_id": fixture.agent.id.lowercasedString]))
            #expect(catchAll.status == .created)
            let catchAllRule = try catchAll.object()
            for field in ["name", "called_number", "trunk_id", "fallback_agent_id"] { #expect(catchAllRule[field] is NSNull, "\(field) is null") }

            #expect(try await client.call(.get, "/sip/dispatch/\(id)", key: fixture.apiKey).object()["name"] as? String == "Sales line")
            let list = try await client.call(.get, "/sip/dispatch", key: fixture.apiKey).object()["rules"] as? [[String: Any]]
            #expect(list?.map { $0["rule_id"] as? String } == [id, catchAllRule["rule_id"] as? String])

            #expect(try await client.call(.delete, "/sip/dispatch/\(id)", key: fixture.apiKey).status == .noContent)
            let gone = try await client.call(.get, "/sip/dispatch/\(id)", key: fixture.apiKey)
            #expect(try gone.error() == ErrorBody(detail: "Dispatch rule not found", code: "not_found"))
            #expect(try await client.call(.delete, "/sip/dispatch/\(id)", key: fixture.apiKey).status == .notFound)
        }
    }

    @Test func deletingTheTrunkDeletesItsRules() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            let trunk = try await Self.makeTrunk(client, fixture)
            let created = try await client.call(.post, "/sip/dispatch", key: fixture.apiKey, body: json(["trunk_id": trunk, "agent_id": fixture.agent.id.lowercasedString]))
            let id = try #require(try created.object()["rule_id"] as? String)
            #expect(try await client.call(.delete, "/sip/trunk/\(trunk)", key: fixture.apiKey).status == .noContent)
            #expect(try await client.call(.get, "/sip/dispatch/\(id)", key: fixture.apiKey).status == .notFound)
        }
    }

    @Test(arguments: [
        (#"{"agent_id": "AGENT", "called_number": "sales"}"#, "called_number"),
        (#"{"agent_id": "AGENT", "called_number": ""}"#, "called_number"),
        (#"{"agent_id": "AGENT", "name": " "}"#, "name"),
        (#"{"agent_id": "AGENT", "priority": 1}"#, "priority"),
        (#"{"agent_id": "AGENT", "rule_id": "x"}"#, "rule_id"),
        (#"{"agent_id": "AGENT", "trunk_id": 5}"#, "trunk_id"),
    ])
    func invalidFieldsAnswer422NamingTheField(_ body: String, _ field: String) async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            let body = body.replacingOccurrences(of: "AGENT", with: fixture.agent.id.lowercasedString)
            let response = try await client.call(.post, "/sip/dispatch", key: fixture.apiKey, body: body)
            #expect(response.status == .unprocessableContent)
            #expect(try response.error().detail.contains(field))
            #expect(try await fixture.store.sipDispatchRules(organizationID: fixture.organization.id).isEmpty, "nothing written")
        }
    }

    @Test func aMissingAgentIs400() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            let response = try await client.call(.post, "/sip/dispatch", key: fixture.apiKey, body: #"{"called_number": "+15550001111"}"#)
            #expect(response.status == .badRequest)
            #expect(try response.error() == ErrorBody(detail: "agent_id is required", code: "missing_field"))
        }
    }

    @Test func anotherOrganizationsAgentsTrunksRulesAndWorkspaceAreNotFound() async throws {
        let fixture = try await ServerFixture.make()
        let (other, otherKey, _) = try await ServerFixture.addOrganization(to: fixture.store, name: "other-\(UUID())")
        let theirAgent = Agent(organizationID: other.id, settings: AgentSettings(name: "Theirs"))
        try await fixture.store.insertAgent(theirAgent)
        let theirTrunk = SIPTrunk(organizationID: other.id, name: "Theirs", host: "pbx.example.com")
        try await fixture.store.insertSIPTrunk(theirTrunk)
        let mine = fixture.agent.id.lowercasedString
        try await fixture.application().test(.router) { client in
            let refusals: [([String: Any], ErrorBody)] = [
                (["agent_id": theirAgent.id.lowercasedString], ErrorBody(detail: ParleyError.agentNotFound.detail, code: "agent_not_found")),
                (["agent_id": "not-an-id"], ErrorBody(detail: ParleyError.agentNotFound.detail, code: "agent_not_found")),
                (["agent_id": mine, "fallback_agent_id": theirAgent.id.lowercasedString], ErrorBody(detail: ParleyError.agentNotFound.detail, code: "agent_not_found")),
                (["agent_id": mine, "trunk_id": theirTrunk.id.lowercasedString], ErrorBody(detail: "SIP trunk not found", code: "not_found")),
                (["agent_id": mine, "trunk_id": UUID().lowercasedString], ErrorBody(detail: "SIP trunk not found", code: "not_found")),
                (["agent_id": mine, "workspace_id": other.id.lowercasedString], ErrorBody(detail: "Workspace not found", code: "not_found")),
            ]
            for (body, expected) in refusals {
                let response = try await client.call(.post, "/sip/dispatch", key: fixture.apiKey, body: json(body))
                #expect(response.status == .notFound)
                #expect(try response.error() == expected)
            }
            #expect(try await fixture.store.sipDispatchRules(organizationID: fixture.organization.id).isEmpty)

            let created = try await client.call(.post, "/sip/dispatch", key: fixture.apiKey, body: json(["agent_id": mine]))
            let id = try #require(try created.object()["rule_id"] as? String)
            #expect(try await client.call(.get, "/sip/dispatch/\(id)", key: otherKey).status == .notFound)
            #expect(try await client.call(.delete, "/sip/dispatch/\(id)", key: otherKey).status == .notFound)
            #expect((try await client.call(.get, "/sip/dispatch", key: otherKey).object()["rules"] as? [Any])?.isEmpty == true)
            #expect(try await client.call(.get, "/sip/dispatch/\(id)", key: fixture.apiKey).status == .ok, "still there")
        }
    }
}

import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ParleyCore
@testable import ParleyServer
import Testing

@Suite struct SIPTrunkAPITests {
    static var twilio: [String: Any] {
        [
            "trunk_name": "My SIP Trunk", "provider": "twilio", "outbound_number": "+1234567890",
            "host": "example.pstn.twilio.com", "port": 5061, "username": "parley", "password": "s3cret-digest",
            "allowed_addresses": ["54.172.60.0/30", "2001:db8::/32"],
        ]
    }

    @Test func createListGetDelete() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            var body = Self.twilio
            body["workspace_id"] = fixture.organization.id.lowercasedString
            let created = try await client.call(.post, "/sip/trunk", key: fixture.apiKey, body: json(body))
            #expect(created.status == .created)
            let trunk = try created.object()
            let id = try #require(trunk["trunk_id"] as? String)
            #expect(UUID(uuidString: id) != nil && id == id.lowercased())
            #expect(trunk["workspace_id"] as? String == fixture.organization.id.lowercasedString)
            #expect(trunk["trunk_name"] as? String == "My SIP Trunk")
            #expect(trunk["provider"] as? String == "twilio")
            #expect(trunk["outbound_number"] as? String == "+1234567890")
            #expect(trunk["host"] as? String == "example.pstn.twilio.com")
            #expect(trunk["port"] as? Int == 5061)
            #expect(trunk["username"] as? String == "parley")
            #expect(trunk["has_password"] as? Bool == true)
            #expect(trunk["allowed_addresses"] as? [String] == ["54.172.60.0/30", "2001:db8::/32"])
            #expect(trunk["created_at"] is String)
            #expect(Set(trunk.keys) == [
                "trunk_id", "workspace_id", "trunk_name", "provider", "outbound_number", "host", "port", "username",
                "has_password", "allowed_addresses", "created_at",
            ])

            let stored = try #require(try await fixture.store.sipTrunk(id: UUID(uuidString: id)!, organizationID: fixture.organization.id))
            #expect(stored.password == "s3cret-digest", "kept for digest authentication")

            let shown = try await client.call(.get, "/sip/trunk/\(id)", key: fixture.apiKey)
            #expect(shown.status == .ok)
            #expect(try shown.object()["trunk_name"] as? String == "My SIP Trunk")
            let list = try await client.call(.get, "/sip/trunk", key: fixture.apiKey)
            #expect(try (list.object()["trunks"] as? [[String: Any]])?.map { $0["trunk_id"] as? String } == [id])
            for response in [created, shown, list] {
                #expect(!response.text.contains("s3cret-digest") && !response.text.contains("\"password\""), "the password is write-only")
            }

            #expect(try await client.call(.delete, "/sip/trunk/\(id)", key: fixture.apiKey).status == .noContent)
            let gone = try await client.call(.get, "/sip/trunk/\(id)", key: fixture.apiKey)
            #expect(gone.status == .notFound)
            #expect(try gone.error() == ErrorBody(detail: "SIP trunk not found", code: "not_found"))
            #expect(try await client.call(.delete, "/sip/trunk/\(id)", key: fixture.apiKey).status == .notFound)
        }
    }

    @Test func theSeedsMinimalTrunkNeedsAnAddressOrAHost() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            // Seed 000's example names no address or host: the trunk could neither take nor make calls.
            let seed = try await client.call(
                .post, "/sip/trunk", key: fixture.apiKey,
                body: json(["trunk_name": "My SIP Trunk", "provider": "twilio", "outbound_number": "+1234567890"])
            )
            #expect(seed.status == .unprocessableContent)
            #expect(try seed.error().detail.hasPrefix("allowed_addresses must not be empty"))

            let created = try await client.call(.post, "/sip/trunk", key: fixture.apiKey, body: json(["trunk_name": "PBX", "allowed_addresses": ["192.0.2.10"]]))
            #expect(created.status == .created)
            let trunk = try created.object()
            #expect(trunk["provider"] as? String == "generic")
            #expect(trunk["port"] as? Int == 5060)
            #expect(trunk["has_password"] as? Bool == false)
            for field in ["outbound_number", "host", "username"] { #expect(trunk[field] is NSNull, "\(field) is null, not absent") }
        }
    }

    @Test(arguments: [
        (#"{"trunk_name": "", "host": "pbx.example.com"}"#, "trunk_name"),
        (#"{"trunk_name": "T", "host": "pbx.example.com", "outbound_number": "555-0000"}"#, "outbound_number"),
        (#"{"trunk_name": "T", "host": "sip:pbx.example.com"}"#, "host"),
        (#"{"trunk_name": "T", "host": "pbx.example.com", "port": 0}"#, "port"),
        (#"{"trunk_name": "T", "host": "pbx.example.com", "port": 70000}"#, "port"),
        (#"{"trunk_name": "T", "host": "pbx.example.com", "port": 50.5}"#, "port"),
        (#"{"trunk_name": "T", "host": "pbx.example.com", "port": "5060"}"#, "port"),
        (#"{"trunk_name": "T", "host": "pbx.example.com", "password": "x"}"#, "username"),
        (#"{"trunk_name": "T", "allowed_addresses": ["192.0.2.1", "192.0.2.0/40"]}"#, "allowed_addresses[1]"),
        (#"{"trunk_name": "T", "allowed_addresses": "192.0.2.1"}"#, "allowed_addresses"),
        (#"{"trunk_name": "T", "allowed_addresses": [7]}"#, "allowed_addresses"),
        (#"{"trunk_name": "T", "allowed_addresses": []}"#, "allowed_addresses"),
        (#"{"trunk_name": "T", "host": "pbx.example.com", "codec": "opus"}"#, "codec"),
        (#"{"trunk_name": "T", "host": "pbx.example.com", "has_password": false}"#, "has_password"),
    ])
    func invalidFieldsAnswer422NamingTheField(_ body: String, _ field: String) async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            let response = try await client.call(.post, "/sip/trunk", key: fixture.apiKey, body: body)
            #expect(response.status == .unprocessableContent)
            #expect(try response.error().detail.contains(field))
            #expect(try await fixture.store.sipTrunks(organizationID: fixture.organization.id).isEmpty, "nothing written")
        }
    }

    @Test func badJSONAndAMissingNameAre400() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            let missing = try await client.call(.post, "/sip/trunk", key: fixture.apiKey, body: #"{"host": "pbx.example.com"}"#)
            #expect(missing.status == .badRequest)
            #expect(try missing.error() == ErrorBody(detail: "trunk_name is required", code: "missing_field"))
            let broken = try await client.call(.post, "/sip/trunk", key: fixture.apiKey, body: "{")
            #expect(broken.status == .badRequest)
            #expect(try broken.error().code == "invalid_json")
            #expect(try await client.call(.post, "/sip/trunk", body: json(Self.twilio)).status == .unauthorized)
        }
    }

    @Test func anotherOrganizationsTrunkAndWorkspaceAreNotFound() async throws {
        let fixture = try await ServerFixture.make()
        let (other, otherKey, _) = try await ServerFixture.addOrganization(to: fixture.store, name: "other-\(UUID())")
        try await fixture.application().test(.router) { client in
            let created = try await client.call(.post, "/sip/trunk", key: fixture.apiKey, body: json(Self.twilio))
            let id = try #require(try created.object()["trunk_id"] as? String)
            #expect(try await client.call(.get, "/sip/trunk/\(id)", key: otherKey).status == .notFound)
            #expect(try await client.call(.delete, "/sip/trunk/\(id)", key: otherKey).status == .notFound)
            #expect((try await client.call(.get, "/sip/trunk", key: otherKey).object()["trunks"] as? [Any])?.isEmpty == true)
            #expect(try await client.call(.get, "/sip/trunk/not-a-uuid", key: fixture.apiKey).status == .notFound)
            #expect(try await client.call(.get, "/sip/trunk/\(id)", key: fixture.apiKey).status == .ok, "still there")

            for workspace in [other.id.lowercasedString, "not-a-workspace"] {
                var body = Self.twilio
                body["workspace_id"] = workspace
                let refused = try await client.call(.post, "/sip/trunk", key: fixture.apiKey, body: json(body))
                #expect(refused.status == .notFound)
                #expect(try refused.error() == ErrorBody(detail: "Workspace not found", code: "not_found"))
            }
            #expect(try await fixture.store.sipTrunks(organizationID: other.id).isEmpty)
        }
    }
}

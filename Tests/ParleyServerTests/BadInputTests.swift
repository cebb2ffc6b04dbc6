import Foundation
import Hummingbird
import HummingbirdTesting
import ParleyCore
@testable import ParleyServer
import Testing

/// Every malformed request gets a clear error in the one shape, and writes nothing.
@Suite struct BadInputTests {
    static let writes: [(HTTPRequest.Method, String)] = [
        (.post, "/api/dashboard/agents"), (.post, "/v1/chat/voice-sessions"), (.post, "/token"), (.post, "/api/webrtc/token"),
        (.post, "/api/dashboard/api-keys"),
    ]

    @Test(arguments: writes.indices)
    func malformedJSONIs400(_ index: Int) async throws {
        let (method, path) = Self.writes[index]
        try await expectRefused(method, path, body: #"{"agent_id": "#, status: .badRequest, code: "invalid_json")
        try await expectRefused(method, path, body: "[1, 2]", status: .badRequest, code: "invalid_json")
        try await expectRefused(method, path, body: "", status: .badRequest, code: "invalid_json")
    }

    @Test(arguments: writes.indices)
    func theWrongContentTypeIs415(_ index: Int) async throws {
        let (method, path) = Self.writes[index]
        try await expectRefused(method, path, body: "agent_id=x", contentType: "application/x-www-form-urlencoded", status: .unsupportedMediaType, code: "unsupported_media_type")
        try await expectRefused(method, path, body: "{}", contentType: nil, status: .unsupportedMediaType, code: "unsupported_media_type")
    }

    @Test(arguments: writes.indices)
    func oversizedBodiesAre413(_ index: Int) async throws {
        let (method, path) = Self.writes[index]
        let huge = json(["name": String(repeating: "x", count: 70_000)])
        try await expectRefused(method, path, body: huge, status: .contentTooLarge, code: "payload_too_large")
    }

    @Test(arguments: writes.indices)
    func unknownFieldsAre422(_ index: Int) async throws {
        let (method, path) = Self.writes[index]
        try await expectRefused(method, path, body: #"{"surprise": 1}"#, status: .unprocessableContent, code: "unknown_field")
    }

    @Test func wrongTypesAre422() async throws {
        try await expectRefused(.post, "/v1/chat/voice-sessions", body: #"{"agent_id": 42}"#, status: .unprocessableContent, code: "invalid_field")
        try await expectRefused(.post, "/token", body: #"{"workspace_id": true, "agent_id": "a", "chat_id": "c"}"#, status: .unprocessableContent, code: "invalid_field")
    }

    @Test func aCharsetParameterIsFine() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            let response = try await client.call(
                .post, "/api/dashboard/agents", key: fixture.apiKey, body: json(["name": "Charset"]), contentType: "application/json; charset=utf-8"
            )
            #expect(response.status == .created)
        }
    }

    /// Sends the request and checks the answer, then that no agent, key, conversation or token was written.
    func expectRefused(
        _ method: HTTPRequest.Method, _ path: String, body: String, contentType: String? = "application/json",
        status: HTTPResponse.Status, code: String
    ) async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            let response = try await client.call(method, path, key: fixture.apiKey, body: body, contentType: contentType)
            #expect(response.status == status, "\(method) \(path)")
            #expect(try response.error().code == code, "\(method) \(path)")
            let organization = fixture.organization.id
            #expect(try await fixture.store.agents(organizationID: organization).count == 1)
            #expect(try await fixture.store.apiKeys(organizationID: organization).count == 1)
            #expect(try await fixture.store.consumeSessionToken(id: "none", at: Date()) == .unknown)
        }
    }
}

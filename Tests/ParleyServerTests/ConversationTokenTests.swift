import Foundation
import Hummingbird
import HummingbirdTesting
import LiveKit
import ParleyCore
@testable import ParleyServer
import Testing

/// Seed 000: `POST /token`.
@Suite struct ConversationTokenTests {
    func request(_ fixture: ServerFixture, chatID: String, userID: String? = nil) -> String {
        var body = [
            "workspace_id": fixture.organization.id.lowercasedString,
            "agent_id": fixture.agent.id.lowercasedString,
            "chat_id": chatID,
        ]
        body["user_id"] = userID
        return json(body)
    }

    @Test func theSameChatIDComesBackToTheSameConversation() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            let first = try await client.call(.post, "/token", key: fixture.apiKey, body: request(fixture, chatID: "chat_xyz789"))
            #expect(first.status == .ok)
            let body = try first.object()
            #expect(Set(body.keys) == ["token", "url", "room_name"])
            #expect(body["url"] as? String == "ws://localhost:7880")
            #expect(body["room_name"] as? String == "ws_\(fixture.organization.id.lowercasedString)::chat_chat_xyz789")
            let claims = try fixture.authority.verify(try #require(body["token"] as? String))
            #expect(claims.sub == "voice-user")
            #expect(claims.video?.canPublishData == true)

            let again = try await client.call(.post, "/token", key: fixture.apiKey, body: request(fixture, chatID: "chat_xyz789", userID: "alice"))
            let againClaims = try fixture.authority.verify(try #require(try again.object()["token"] as? String))
            #expect(try again.object()["room_name"] as? String == body["room_name"] as? String)
            #expect(againClaims.sub == "alice")
            #expect(try conversationID(claims) == conversationID(againClaims))

            let other = try await client.call(.post, "/token", key: fixture.apiKey, body: request(fixture, chatID: "another"))
            let otherClaims = try fixture.authority.verify(try #require(try other.object()["token"] as? String))
            #expect(try conversationID(otherClaims) != conversationID(claims))
        }
    }

    func conversationID(_ claims: AccessTokenClaims) throws -> String {
        let metadata = try #require(claims.metadata)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(metadata.utf8)) as? [String: Any])
        return try #require(object["conversation_id"] as? String)
    }

    @Test func anotherWorkspaceIsNotFound() async throws {
        let fixture = try await ServerFixture.make()
        let (other, _, _) = try await ServerFixture.addOrganization(to: fixture.store, name: "other-\(UUID())")
        try await fixture.application().test(.router) { client in
            let body = json(["workspace_id": other.id.lowercasedString, "agent_id": fixture.agent.id.lowercasedString, "chat_id": "c1"])
            let response = try await client.call(.post, "/token", key: fixture.apiKey, body: body)
            #expect(response.status == .notFound)
        }
    }

    @Test(arguments: ["workspace_id", "agent_id", "chat_id"])
    func requiredFieldsAre400(_ field: String) async throws {
        let fixture = try await ServerFixture.make()
        var body: [String: Any] = [
            "workspace_id": fixture.organization.id.lowercasedString, "agent_id": fixture.agent.id.lowercasedString, "chat_id": "c1",
        ]
        body[field] = nil
        let payload = json(body)
        try await fixture.application().test(.router) { client in
            let response = try await client.call(.post, "/token", key: fixture.apiKey, body: payload)
            #expect(response.status == .badRequest)
            #expect(try response.error().code == "missing_field")
        }
    }

    @Test(arguments: ["has space", "new\nline", String(repeating: "x", count: 129)])
    func chatIDsThatCannotNameARoomAre422(_ chatID: String) async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            let response = try await client.call(.post, "/token", key: fixture.apiKey, body: request(fixture, chatID: chatID))
            #expect(response.status == .unprocessableContent)
            #expect(try response.error().detail.hasPrefix("chat_id"))
        }
    }
}

import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ParleyCore
@testable import ParleyServer
import TestSupport
import Testing

/// `POST /api/twilio/voice`: the TwiML, the checks, and Twilio's request signatures with the
/// real `twilio` package as the reference.
@Suite struct TwilioWebhookTests {
    static let form = "CallSid=CA123&From=%2B15550001111&To=%2B15550002222&CallStatus=ringing"
    static let headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    @Test func theWebhookConnectsTheCallToAStreamWithItsParameters() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            let agent = fixture.agent.id.lowercasedString
            let form = ByteBuffer(string: Self.form)
            let headers = Self.headers
            try await client.execute(uri: "/api/twilio/voice?api_key=\(fixture.apiKey)&agent_id=\(agent)", method: .post, headers: headers, body: form) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/xml") == true)
                let twiml = String(buffer: response.body)
                #expect(twiml.contains(#"<Connect><Stream url="wss://"#) && twiml.contains(#"/ws/twilio/stream">"#), "\(twiml)")
                for (name, value) in [("api_key", fixture.apiKey), ("agent_id", agent), ("from", "+15550001111"), ("to", "+15550002222"), ("call_sid", "CA123")] {
                    #expect(twiml.contains(#"<Parameter name="\#(name)" value="\#(value)"/>"#), "\(name) in \(twiml)")
                }
            }
            try await client.execute(uri: "/api/twilio/voice?api_key=pk_wrong", method: .post, headers: headers, body: form) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/api/twilio/voice?api_key=\(fixture.apiKey)&agent_id=\(UUID().lowercasedString)", method: .post, headers: headers, body: form) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test(.enabled(if: TwilioPeer.isAvailable)) func anOrganizationWithATokenTakesOnlySignedRequests() async throws {
        let fixture = try await ServerFixture.make()
        let token = "0123456789abcdef0123456789abcdef"
        let uri = "/api/twilio/voice?api_key=\(fixture.apiKey)&agent_id=\(fixture.agent.id.lowercasedString)"
        try await fixture.application().test(.router) { client in
            // The host Twilio called, as the server sees it: the stream's URL names it.
            let host = try await client.execute(uri: uri, method: .post, headers: Self.headers, body: ByteBuffer(string: Self.form)) { response in
                let twiml = String(buffer: response.body)
                let start = try #require(twiml.range(of: "wss://"))
                let end = try #require(twiml.range(of: "/ws/twilio/stream"))
                return String(twiml[start.upperBound..<end.lowerBound])
            }
            let stored = try await client.call(.put, "/api/dashboard/organization/twilio", key: fixture.apiKey, body: #"{"auth_token": "\#(token)"}"#)
            #expect(stored.status == .noContent)
            #expect(try await client.call(.get, "/api/dashboard/organization", key: fixture.apiKey).object()["twilio_signature_required"] as? Bool == true)

            func post(signature: String?, body: String = Self.form) async throws -> HTTPResponse.Status {
                var headers = Self.headers
                if let signature { headers[HTTPField.Name("X-Twilio-Signature")!] = signature }
                return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body)) { $0.status }
            }
            let signature = try TwilioPeer.signature(authToken: token, url: "https://\(host)\(uri)", body: Self.form)
            #expect(try await post(signature: signature) == .ok)
            #expect(try await post(signature: nil) == .forbidden)
            #expect(try await post(signature: signature, body: Self.form + "&Digits=1") == .forbidden, "a changed body")
            #expect(try await post(signature: try TwilioPeer.signature(authToken: "ffffffffffffffffffffffffffffffff", url: "https://\(host)\(uri)", body: Self.form)) == .forbidden)

            let refused = try await client.call(.put, "/api/dashboard/organization/twilio", key: fixture.apiKey, body: #"{"auth_token": "short"}"#)
            #expect(refused.status == .unprocessableContent)
            #expect(try await client.call(.delete, "/api/dashboard/organization/twilio", key: fixture.apiKey).status == .noContent)
            #expect(try await post(signature: nil) == .ok, "no token, no signature needed")
        }
    }

    @Test func agentChannelsMapNumbersToAgents() async throws {
        let fixture = try await ServerFixture.make()
        let agent = fixture.agent.id.lowercasedString
        try await fixture.application().test(.router) { client in
            let created = try await client.call(.post, "/api/dashboard/agent-channels", key: fixture.apiKey, body: #"{"phone_number": "+15550002222", "agent_id": "\#(agent)"}"#)
            #expect(created.status == .created)
            let id = try #require(try created.object()["id"] as? String)
            #expect(try await client.call(.post, "/api/dashboard/agent-channels", key: fixture.apiKey, body: #"{"phone_number": "+15550002222", "agent_id": "\#(agent)"}"#).status == .conflict)
            #expect(try await client.call(.post, "/api/dashboard/agent-channels", key: fixture.apiKey, body: #"{"phone_number": "555-0000", "agent_id": "\#(agent)"}"#).status == .unprocessableContent)
            #expect(try await client.call(.post, "/api/dashboard/agent-channels", key: fixture.apiKey, body: #"{"phone_number": "+15550003333", "agent_id": "\#(UUID().lowercasedString)"}"#).status == .notFound)
            let listed = try await client.call(.get, "/api/dashboard/agent-channels", key: fixture.apiKey).object()["channels"] as? [[String: Any]]
            #expect(listed?.map { $0["phone_number"] as? String } == ["+15550002222"])
            #expect(listed?.first?["agent_id"] as? String == agent)
            #expect(try await client.call(.delete, "/api/dashboard/agent-channels/\(id)", key: fixture.apiKey).status == .noContent)
            #expect(try await client.call(.delete, "/api/dashboard/agent-channels/\(id)", key: fixture.apiKey).status == .notFound)
        }
    }

    @Test(.enabled(if: TwilioPeer.isAvailable)) func theWorkspaceWebhookPicksTheAgentByTheNumberCalled() async throws {
        let fixture = try await ServerFixture.make()
        let token = "0123456789abcdef0123456789abcdef"
        let workspace = fixture.organization.id.lowercasedString
        let uri = "/webhooks/twilio/voice/\(workspace)"
        try await fixture.application().test(.router) { client in
            func post(_ uri: String, signed: Bool = true, body: String = Self.form) async throws -> (HTTPResponse.Status, String) {
                var headers = Self.headers
                // The router test's requests reach the server as host "localhost".
                if signed { headers[HTTPField.Name("X-Twilio-Signature")!] = try TwilioPeer.signature(authToken: token, url: "https://localhost\(uri)", body: body) }
                return try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body)) { ($0.status, String(buffer: $0.body)) }
            }
            #expect(try await post(uri).0 == .forbidden, "no token stored: Twilio's requests cannot be checked")
            _ = try await client.call(.put, "/api/dashboard/organization/twilio", key: fixture.apiKey, body: #"{"auth_token": "\#(token)"}"#)
            #expect(try await post(uri).0 == .notFound, "no agent answers +15550002222 yet")
            _ = try await client.call(.post, "/api/dashboard/agent-channels", key: fixture.apiKey, body: #"{"phone_number": "+15550002222", "agent_id": "\#(fixture.agent.id.lowercasedString)"}"#)

            let (status, twiml) = try await post(uri)
            #expect(status == .ok)
            for (name, value) in [("workspace_id", workspace), ("agent_id", fixture.agent.id.lowercasedString), ("to", "+15550002222"), ("call_sid", "CA123")] {
                #expect(twiml.contains(#"<Parameter name="\#(name)" value="\#(value)"/>"#), "\(name) in \(twiml)")
            }
            #expect(twiml.contains(#"<Parameter name="ticket" value=""#) && !twiml.contains("api_key"))
            #expect(try await post(uri, signed: false).0 == .forbidden)
            #expect(try await post("/webhooks/twilio/voice/\(UUID().lowercasedString)").0 == .notFound)
        }
    }
}

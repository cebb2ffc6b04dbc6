import Foundation
import Hummingbird
import HummingbirdTesting
import ParleyCore
@testable import ParleyServer
import Testing

@Suite struct CallAPITests {
    /// Five calls a minute apart, the newest still active, the oldest with a transcript.
    func seedCalls(_ fixture: ServerFixture) async throws -> [Call] {
        var calls: [Call] = []
        for minute in 0..<5 {
            let start = Date(timeIntervalSince1970: 1_800_000_000 + Double(minute) * 60)
            var call = Call(organizationID: fixture.organization.id, agentID: fixture.agent.id, transport: .websocket, startedAt: start)
            if minute == 0 {
                call.transport = .twilio
                call.line = PhoneLine(callID: "CA9", from: "+15550001111", to: "+15550002222")
                call.digits = "42"
            }
            if minute < 4 {
                call.status = .completed
                call.endedAt = start.addingTimeInterval(30)
            }
            try await fixture.store.insertCall(call)
            calls.append(call)
        }
        let first = calls[0]
        try await fixture.store.appendTurn(CallTurn(role: .user, text: "What are your hours?", at: first.startedAt.addingTimeInterval(2)), callID: first.id, organizationID: fixture.organization.id)
        try await fixture.store.appendTurn(
            CallTurn(role: .assistant, text: "We open at nine.", at: first.startedAt.addingTimeInterval(3),
                     latency: TurnLatency(transcriptMs: 120, firstTokenMs: 180, firstAudioMs: 260, firstByteSentMs: 265)),
            callID: first.id, organizationID: fixture.organization.id
        )
        return calls
    }

    @Test func callsAreListedNewestFirstAndPaginated() async throws {
        let fixture = try await ServerFixture.make()
        let calls = try await seedCalls(fixture)
        try await fixture.application().test(.router) { client in
            var seen: [String] = []
            var uri = "/api/dashboard/calls?limit=2"
            while true {
                let page = try await client.call(.get, uri, key: fixture.apiKey)
                #expect(page.status == .ok)
                let body = try page.object()
                let items = try #require(body["calls"] as? [[String: Any]])
                seen += items.compactMap { $0["id"] as? String }
                guard let next = body["next_cursor"] as? String else { break }
                uri = "/api/dashboard/calls?limit=2&cursor=\(next)"
            }
            #expect(seen == calls.reversed().map(\.id.lowercasedString))
        }
    }

    @Test func aCallShowsItsTranscriptAndLatency() async throws {
        let fixture = try await ServerFixture.make()
        let calls = try await seedCalls(fixture)
        try await fixture.application().test(.router) { client in
            let response = try await client.call(.get, "/api/dashboard/calls/\(calls[0].id.lowercasedString)", key: fixture.apiKey)
            #expect(response.status == .ok)
            let body = try response.object()
            #expect(body["status"] as? String == "completed")
            #expect(body["duration_seconds"] as? Double == 30)
            #expect(body["transport"] as? String == "twilio")
            #expect(body["phone"] as? [String: String] == ["call_id": "CA9", "from": "+15550001111", "to": "+15550002222"])
            #expect(body["dtmf"] as? String == "42")
            #expect(body["agent_id"] as? String == fixture.agent.id.lowercasedString)
            let transcript = try #require(body["transcript"] as? [[String: Any]])
            #expect(transcript.map { $0["role"] as? String } == ["user", "assistant"])
            #expect(transcript[0]["text"] as? String == "What are your hours?")
            #expect(transcript[0]["latency"] is NSNull)
            let latency = try #require(transcript[1]["latency"] as? [String: Any])
            #expect(latency["first_token_ms"] as? Double == 180)
            #expect(latency["first_byte_sent_ms"] as? Double == 265)
        }
    }

    @Test func statsCountCallsMinutesActiveAndCredits() async throws {
        let fixture = try await ServerFixture.make(credits: 250)
        _ = try await seedCalls(fixture)
        try await fixture.application().test(.router) { client in
            let body = try await client.call(.get, "/api/dashboard/stats", key: fixture.apiKey).object()
            #expect(body["calls"] as? Int == 5)
            #expect(body["minutes"] as? Double == 2)
            #expect(body["active_calls"] as? Int == 1)
            #expect(body["credits_balance"] as? Int == 250)
        }
    }

    @Test func anotherOrganizationSeesNoneOfIt() async throws {
        let fixture = try await ServerFixture.make()
        let calls = try await seedCalls(fixture)
        let (_, otherKey, _) = try await ServerFixture.addOrganization(to: fixture.store, name: "other-\(UUID())", credits: 0)
        try await fixture.application().test(.router) { client in
            #expect(try await client.call(.get, "/api/dashboard/calls/\(calls[0].id.lowercasedString)", key: otherKey).status == .notFound)
            let list = try await client.call(.get, "/api/dashboard/calls", key: otherKey).object()
            #expect((list["calls"] as? [Any])?.isEmpty == true)
            let stats = try await client.call(.get, "/api/dashboard/stats", key: otherKey).object()
            #expect(stats["calls"] as? Int == 0)
        }
    }

    @Test(arguments: ["limit=0", "limit=101", "limit=ten", "cursor=garbage"])
    func badQueryParametersAre422(_ query: String) async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            let response = try await client.call(.get, "/api/dashboard/calls?\(query)", key: fixture.apiKey)
            #expect(response.status == .unprocessableContent)
        }
    }

    @Test func organizationAndCreditsLedger() async throws {
        let fixture = try await ServerFixture.make(credits: 100)
        _ = try await fixture.store.appendCredits(CreditEntry(organizationID: fixture.organization.id, amount: -30, reason: "call minutes"))
        try await fixture.application().test(.router) { client in
            let organization = try await client.call(.get, "/api/dashboard/organization", key: fixture.apiKey).object()
            #expect(organization["id"] as? String == fixture.organization.id.lowercasedString)
            #expect(organization["credits_balance"] as? Int == 70)
            let credits = try await client.call(.get, "/api/dashboard/credits", key: fixture.apiKey).object()
            #expect(credits["balance"] as? Int == 70)
            let entries = try #require(credits["entries"] as? [[String: Any]])
            #expect(entries.map { $0["amount"] as? Int } == [-30, 100])
        }
    }
}

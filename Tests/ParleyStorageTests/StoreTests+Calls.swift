import Foundation
import ParleyCore
import Testing

extension StoreTests {
    @Test(arguments: StoreKind.available)
    func callsKeepTheirTranscriptInOrder(_ kind: StoreKind) async throws {
        try await kind.withOrganization { store, organization in
            let other = try await store.makeOrganization()
            let start = Date()
            let call = Call(organizationID: organization.id, agentID: UUID(), transport: .twilio, startedAt: start)
            try await store.insertCall(call)

            let stored = try #require(try await store.call(id: call.id, organizationID: organization.id))
            #expect(stored.agentID == call.agentID)
            #expect(stored.organizationID == organization.id)
            #expect(stored.transport == .twilio)
            #expect(stored.status == .active)
            #expect(stored.endedAt == nil)
            expectSameInstant(stored.startedAt, start)
            #expect(try await store.call(id: call.id, organizationID: other.id) == nil)

            let turns = [
                CallTurn(role: .user, text: "Hello?", at: start.addingTimeInterval(1)),
                CallTurn(
                    role: .assistant, text: "Hi, how can I help?", at: start.addingTimeInterval(2),
                    latency: TurnLatency(transcriptMs: 120.5, firstTokenMs: 340.25, firstAudioMs: 610, firstByteSentMs: 633.75)
                ),
                CallTurn(role: .system, text: "Caller muted", at: start.addingTimeInterval(3)),
                CallTurn(role: .assistant, text: "Still there?", at: start.addingTimeInterval(4), latency: TurnLatency(firstAudioMs: 88)),
            ]
            for turn in turns { try await store.appendTurn(turn, callID: call.id, organizationID: organization.id) }

            let transcript = try await store.turns(callID: call.id, organizationID: organization.id)
            #expect(transcript.map(\.text) == turns.map(\.text))
            #expect(transcript.map(\.role) == turns.map(\.role))
            #expect(transcript.map(\.latency) == turns.map(\.latency))
            for (stored, turn) in zip(transcript, turns) { expectSameInstant(stored.at, turn.at) }
            #expect(try await store.turns(callID: call.id, organizationID: other.id).isEmpty)
        }
    }

    @Test(arguments: StoreKind.available)
    func turnsCannotBeAddedToAnotherOrganizationsCall(_ kind: StoreKind) async throws {
        try await kind.withOrganization { store, organization in
            let other = try await store.makeOrganization()
            let call = Call(organizationID: organization.id, agentID: UUID(), transport: .websocket)
            try await store.insertCall(call)

            await #expect(throws: ParleyError.self) {
                try await store.appendTurn(CallTurn(role: .user, text: "injected"), callID: call.id, organizationID: other.id)
            }
            await #expect(throws: ParleyError.self) {
                try await store.appendTurn(CallTurn(role: .user, text: "nowhere"), callID: UUID(), organizationID: organization.id)
            }
            #expect(try await store.turns(callID: call.id, organizationID: organization.id).isEmpty)
        }
    }

    @Test(arguments: StoreKind.available)
    func aPhoneCallKeepsItsLineAndTheKeysPressed(_ kind: StoreKind) async throws {
        try await kind.withOrganization { store, organization in
            let other = try await store.makeOrganization()
            let line = PhoneLine(callID: "CA123", from: "+15550001111", to: "+15550002222")
            let call = Call(organizationID: organization.id, agentID: UUID(), transport: .twilio, line: line)
            try await store.insertCall(call)
            try await store.appendDigits("1", callID: call.id, organizationID: organization.id)
            try await store.appendDigits("#", callID: call.id, organizationID: organization.id)
            await #expect(throws: ParleyError.self) {
                try await store.appendDigits("9", callID: call.id, organizationID: other.id)
            }

            let stored = try #require(try await store.call(id: call.id, organizationID: organization.id))
            #expect(stored.line == line)
            #expect(stored.digits == "1#")

            let web = Call(organizationID: organization.id, agentID: UUID(), transport: .websocket)
            try await store.insertCall(web)
            let storedWeb = try #require(try await store.call(id: web.id, organizationID: organization.id))
            #expect(storedWeb.line == nil && storedWeb.digits.isEmpty)
        }
    }

    @Test(arguments: StoreKind.available)
    func aCallIsFinishedOnlyOnce(_ kind: StoreKind) async throws {
        try await kind.withOrganization { store, organization in
            let other = try await store.makeOrganization()
            let start = Date().addingTimeInterval(-90)
            let call = Call(organizationID: organization.id, agentID: UUID(), transport: .sip, startedAt: start)
            try await store.insertCall(call)

            #expect(try await store.finishCall(id: call.id, organizationID: other.id, status: .failed, at: Date()) == false)
            let end = Date()
            #expect(try await store.finishCall(id: call.id, organizationID: organization.id, status: .completed, at: end))
            #expect(try await store.finishCall(id: call.id, organizationID: organization.id, status: .failed, at: Date().addingTimeInterval(5)) == false)

            let finished = try #require(try await store.call(id: call.id, organizationID: organization.id))
            #expect(finished.status == .completed)
            expectSameInstant(finished.endedAt, end)
            #expect(abs((finished.durationSeconds ?? 0) - end.timeIntervalSince(start)) < 0.001)
        }
    }

    @Test(arguments: StoreKind.available)
    func statsSummariseTheOrganization(_ kind: StoreKind) async throws {
        try await kind.withOrganization { store, organization in
            let start = Date().addingTimeInterval(-600)
            for (seconds, status) in [(90.0, CallStatus.completed), (30.0, .failed)] {
                let call = Call(organizationID: organization.id, agentID: UUID(), transport: .webrtc, startedAt: start)
                try await store.insertCall(call)
                #expect(try await store.finishCall(id: call.id, organizationID: organization.id, status: status, at: start.addingTimeInterval(seconds)))
            }
            try await store.insertCall(Call(organizationID: organization.id, agentID: UUID(), transport: .websocket, startedAt: start))
            _ = try await store.appendCredits(CreditEntry(organizationID: organization.id, amount: 500, reason: "grant"))
            _ = try await store.appendCredits(CreditEntry(organizationID: organization.id, amount: -2, reason: "minutes"))

            let stats = try await store.stats(organizationID: organization.id)
            #expect(stats.totalCalls == 3)
            #expect(abs(stats.totalMinutes - 2) < 0.0001)
            #expect(stats.activeCalls == 1)
            #expect(stats.creditBalance == 498)

            let empty = try await store.makeOrganization()
            #expect(try await store.stats(organizationID: empty.id) == OrganizationStats(totalCalls: 0, totalMinutes: 0, activeCalls: 0, creditBalance: 0))
        }
    }
}

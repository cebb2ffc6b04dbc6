import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ParleyCore
@testable import ParleyServer
import Telephony
import Testing

/// What a live server's SIP user agent answers to datagrams a trunk would not send, or sends
/// from where it should not: refusals, methods Parley does not take, malformed and truncated
/// messages, a flood. No call here reaches a conversation, so no engine is needed.
@Suite(.serialized)
struct SIPHostileInputTests {
    static let number = "+15550100"

    /// A server with its SIP user agent on a free port, a trunk allowing `trunkAllows` (none
    /// when empty) and a rule sending ``number`` to the fixture's agent. Its `/metrics` shows the
    /// process's metrics, the user agent's gauges among them.
    private func withServer(
        trunkAllows: [String] = ["127.0.0.1"], credits: Int64 = 100, maxCalls: Int = 50,
        _ body: @Sendable (_ client: SIPTestClient, _ http: any TestClientProtocol) async throws -> Void
    ) async throws {
        _ = ProcessMetrics.registry
        let sipPort = try await SIPTestClient.freePort()
        let rtpBase = Int.random(in: 50_000...59_000) & ~1
        let fixture = try await ServerFixture.make(credits: credits) { settings in
            settings.port = 0
            settings.sip = SIPUserAgentConfiguration(bindHost: "127.0.0.1", port: sipPort, publicHost: "127.0.0.1", rtpPorts: rtpBase...(rtpBase + 20), maxCalls: maxCalls)
        }
        if !trunkAllows.isEmpty {
            let trunk = SIPTrunk(organizationID: fixture.organization.id, name: "loopback", allowedAddresses: trunkAllows)
            try await fixture.store.insertSIPTrunk(trunk)
        }
        try await fixture.store.insertSIPDispatchRule(SIPDispatchRule(organizationID: fixture.organization.id, calledNumber: Self.number, agentID: fixture.agent.id))
        var logger = Logger(label: "parley-sip-hostile")
        logger.logLevel = .warning
        let application = try buildApplication(
            settings: fixture.settings, store: fixture.store, credentials: fixture.credentials, registry: ProcessMetrics.registry, logger: logger
        )
        try await application.test(.live) { http in
            try await SIPTestClient.with(serverPort: sipPort) { client in
                try #require(try await client.waitUntilListening(), "the SIP user agent never answered OPTIONS")
                try await body(client, http)
            }
        }
    }

    @Test func optionsIsAnsweredAndMethodsParleyDoesNotTakeAreRefused() async throws {
        try await withServer { client, _ in
            let server = SIPURI(host: "127.0.0.1")
            let options = client.request(.options, callID: "options-1", uri: server)
            try await client.send(options)
            let ok = try #require(try await client.finalResponse(callID: "options-1", method: .options))
            #expect(ok.status == 200)
            let allowed = Set((ok.headers["Allow"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            #expect(allowed.isSuperset(of: ["INVITE", "ACK", "BYE", "CANCEL", "OPTIONS"]), "Allow: \(ok.headers["Allow"] ?? "none")")
            #expect(ok.headers["To"].flatMap(SIPNameAddress.init)?.tag != nil, "a final response tags To")
            #expect(ok.headers["Via"]?.contains("rport=\(client.local.port)") == true, "rport is filled in: \(ok.headers["Via"] ?? "")")

            for (method, status) in [("SUBSCRIBE", 501), ("FOO", 501), ("REGISTER", 405)] {
                let callID = "method-\(method)"
                try await client.send(client.request(SIPMethod(rawValue: method), callID: callID, uri: server))
                let answer = try #require(try await client.finalResponse(callID: callID, method: SIPMethod(rawValue: method)), "\(method) went unanswered")
                #expect(answer.status == status, "\(method)")
                #expect(answer.headers["Allow"]?.contains("INVITE") == true, "\(method) is answered with what Parley allows")
            }

            // A BYE, CANCEL or INFO for a call Parley never had.
            for method in [SIPMethod.bye, .cancel, .info] {
                let callID = "no-such-call-\(method)"
                try await client.send(client.request(method, callID: callID, uri: SIPURI(user: "parley", host: "127.0.0.1"), cseq: 2, toTag: "gone"))
                let answer = try #require(try await client.finalResponse(callID: callID, method: method), "\(method) went unanswered")
                #expect(answer.status == 481, "\(method)")
            }

            // A request without a Call-ID can still be answered: 400.
            var noCallID = client.request(.options, callID: "missing", uri: server)
            noCallID.headers.remove("Call-ID")
            try await client.send(noCallID)
            let bad = try #require(try await client.response { $0.status == 400 })
            #expect(bad.headers["CSeq"] == "1 OPTIONS")
        }
    }

    @Test func garbageAndTruncatedMessagesGoUnansweredAndTheServerCarriesOn() async throws {
        try await withServer { client, _ in
            let invite = client.invite(callID: "truncated-1", to: Self.number).bytes
            let text = String(decoding: invite, as: UTF8.self)
            let headerEnd = try #require(text.range(of: "\r\n\r\n")).lowerBound
            var tooManyFields = "OPTIONS sip:127.0.0.1 SIP/2.0\r\n"
            for index in 0..<200 { tooManyFields += "X-Field-\(index): \(index)\r\n" }
            var generator = SystemRandomNumberGenerator()
            let junk: [[UInt8]] = [
                (0..<512).map { _ in UInt8.random(in: 0...255, using: &generator) },
                [UInt8](repeating: 0, count: 64),
                Array("\r\n\r\n".utf8),
                Array("hello\r\n\r\n".utf8),
                // Cut in the middle of its header fields, in the middle of its start line, and
                // with a body shorter than its Content-Length.
                Array(invite.prefix(text.distance(from: text.startIndex, to: headerEnd) / 2)),
                Array(invite.prefix(20)),
                Array(invite.dropLast(40)),
                // Not SIP/2.0, a status that is not one, too many fields, a malformed Content-Length.
                Array(text.replacingOccurrences(of: " SIP/2.0\r\n", with: " SIP/3.0\r\n").utf8),
                Array("SIP/2.0 99999 Nope\r\nCall-ID: x\r\n\r\n".utf8),
                Array((tooManyFields + "\r\n").utf8),
                Array(text.replacingOccurrences(of: "Content-Length: ", with: "Content-Length: -").utf8),
                // A response to nothing, and an ACK missing what it needs: neither is answered.
                Array("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKnothing\r\nCall-ID: nothing\r\nCSeq: 1 INVITE\r\n\r\n".utf8),
                Array("ACK sip:127.0.0.1 SIP/2.0\r\nCall-ID: nothing\r\n\r\n".utf8),
                // An RTP packet on the signalling port.
                RTPPacket(payloadType: 0, sequenceNumber: 1, timestamp: 160, ssrc: 42, payload: [UInt8](repeating: 0xFF, count: 160)).bytes,
            ]
            let before = client.datagramCount
            for bytes in junk { try await client.send(bytes) }
            try await Task.sleep(for: .milliseconds(600))
            #expect(client.datagramCount == before, "garbage was answered: \(client.responses(from: before).map(\.status))")

            try await client.send(client.request(.options, callID: "after-garbage", uri: SIPURI(host: "127.0.0.1")))
            #expect(try await client.finalResponse(callID: "after-garbage", method: .options)?.status == 200)
        }
    }

    @Test func anInviteFromAnAddressNoTrunkAllowsIsRefusedUntilAcknowledged() async throws {
        // The only trunk allows another loopback address than the client's.
        try await withServer(trunkAllows: ["127.0.0.2"]) { client, _ in
            let invite = client.invite(callID: "untrusted-1", to: Self.number)
            try await client.send(invite)
            let refusal = try #require(try await client.finalResponse(callID: "untrusted-1", method: .invite))
            #expect(refusal.status == 403)
            #expect(client.responses().contains { $0.status == 100 && $0.answers(callID: "untrusted-1", method: .invite) }, "100 Trying came first")
            #expect(refusal.headers["To"].flatMap(SIPNameAddress.init)?.tag != nil)
            try await expectRetransmittedUntilAcknowledged(refusal, of: invite, by: client)
        }
    }

    @Test func anInviteToANumberNoRuleTakesIsNotFound() async throws {
        try await withServer { client, _ in
            let invite = client.invite(callID: "unrouted-1", to: "+15559999")
            try await client.send(invite)
            let refusal = try #require(try await client.finalResponse(callID: "unrouted-1", method: .invite))
            #expect(refusal.status == 404)
            try await expectRetransmittedUntilAcknowledged(refusal, of: invite, by: client)
        }
    }

    /// `refusal` comes again (T1 later) until the ACK, and not after it.
    private func expectRetransmittedUntilAcknowledged(_ refusal: SIPResponse, of invite: SIPRequest, by client: SIPTestClient) async throws {
        let callID = try #require(invite.headers["Call-ID"])
        let copies = { client.responses().filter { $0.status == refusal.status && $0.answers(callID: callID, method: .invite) }.count }
        let deadline = ContinuousClock.now + .seconds(3)
        while copies() < 2, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(copies() >= 2, "the refusal is sent again until it is acknowledged")
        try await client.send(client.acknowledgement(of: invite, refusedWith: refusal))
        // Time for the ACK to be read (a copy already on its way counts as before it).
        try await Task.sleep(for: .milliseconds(300))
        let acknowledged = copies()
        // The next copy would come 1 s after the second (T1 doubled).
        try await Task.sleep(for: .milliseconds(1_500))
        #expect(copies() == acknowledged, "the refusal stops once acknowledged")
    }

    @Test func offersParleyCannotTakeAreRefused() async throws {
        try await withServer { client, _ in
            let onlyG729 = SIPTestClient.offer(host: "127.0.0.1").replacingOccurrences(of: "RTP/AVP 0 101", with: "RTP/AVP 18")
                .replacingOccurrences(of: "a=rtpmap:0 PCMU/8000", with: "a=rtpmap:18 G729/8000")
            let cases: [(String, [UInt8], String, Int)] = [
                ("bad-sdp", Array("this is not SDP\r\nat all\r\n".utf8), "application/sdp", 488),
                ("no-body", [], "application/sdp", 488),
                ("no-common-codec", Array(onlyG729.utf8), "application/sdp", 488),
                ("video-only", Array("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=video 4000 RTP/AVP 31\r\n".utf8), "application/sdp", 488),
                ("not-sdp", Array("hello".utf8), "text/plain", 415),
            ]
            for (callID, body, type, status) in cases {
                let invite = client.invite(callID: callID, to: Self.number, body: body, contentType: type)
                try await client.send(invite)
                let refusal = try #require(try await client.finalResponse(callID: callID, method: .invite), "\(callID) went unanswered")
                #expect(refusal.status == status, "\(callID)")
                if status == 488 { #expect(refusal.headers["Warning"] != nil, "\(callID) says why") }
                if status == 415 { #expect(refusal.headers["Accept"] == "application/sdp") }
                try await client.send(client.acknowledgement(of: invite, refusedWith: refusal))
            }
        }
    }

    @Test func aFloodOfRefusedInvitesIsAnsweredAndForgotten() async throws {
        let calls = 500
        // As many calls as the flood: one more is over the limit, until the refusals are acknowledged.
        try await withServer(trunkAllows: ["127.0.0.2"], maxCalls: calls) { client, http in
            let first = try await flood(client, calls: calls, wave: 1)
            #expect(first.count == calls && first.values.allSatisfy { $0.response.status == 403 }, "\(Self.statuses(first))")

            // The refusals wait for their ACKs, and count as calls meanwhile.
            try await client.send(client.invite(callID: "over-the-limit", to: Self.number))
            let busy = try #require(try await client.finalResponse(callID: "over-the-limit", method: .invite))
            #expect(busy.status == 503 && busy.headers["Retry-After"] != nil)
            #expect((try await dialogs(http, until: { $0 >= Double(calls) }) ?? 0) >= Double(calls), "parley_sip_dialogs counts the refusals")

            #expect(try await acknowledge(first, by: client, http) == 0, "parley_sip_dialogs is back to 0 once the refusals are acknowledged")

            // Every call is forgotten: a second flood fits again, none of it over the limit.
            let second = try await flood(client, calls: calls, wave: 2, acknowledging: first)
            #expect(second.count == calls && second.values.allSatisfy { $0.response.status == 403 }, "\(Self.statuses(second))")
            #expect(try await acknowledge(second, by: client, http) == 0)

            try await client.send(client.request(.options, callID: "after-flood", uri: SIPURI(host: "127.0.0.1")))
            #expect(try await client.finalResponse(callID: "after-flood", method: .options)?.status == 200)
        }
    }

    /// Final refusals by Call-ID, with the INVITEs they refuse.
    typealias Refusals = [String: (invite: SIPRequest, response: SIPResponse)]

    private static func statuses(_ refusals: Refusals) -> [Int: Int] {
        Dictionary(grouping: refusals.values, by: \.response.status).mapValues(\.count)
    }

    /// Sends `calls` INVITEs at once, each with its own Call-ID, and returns the final answers that
    /// come. As a caller would, it sends an INVITE again while it has no answer (every T1: a
    /// burst overflows the server's socket buffer, as it would a trunk's), and the ACK of an
    /// earlier refusal again when that refusal comes again.
    private func flood(_ client: SIPTestClient, calls: Int, wave: Int, acknowledging earlier: Refusals = [:]) async throws -> Refusals {
        let invites = (0..<calls).map { client.invite(callID: "flood-\(wave)-\($0)", to: Self.number) }
        let byCallID = Dictionary(uniqueKeysWithValues: invites.map { ($0.headers["Call-ID"] ?? "", $0) })
        var seen = client.datagramCount
        for invite in invites { try await client.send(invite) }
        var finals: Refusals = [:]
        let deadline = ContinuousClock.now + .seconds(15)
        var resend = ContinuousClock.now + .milliseconds(500)
        while finals.count < calls, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
            let responses = client.responses(since: &seen)
            for response in responses where response.status >= 200 {
                guard let callID = response.headers["Call-ID"], response.answers(callID: callID, method: .invite) else { continue }
                if let invite = byCallID[callID], finals[callID] == nil {
                    finals[callID] = (invite, response)
                } else if let refusal = earlier[callID] {
                    try await client.send(client.acknowledgement(of: refusal.invite, refusedWith: refusal.response))
                }
            }
            if ContinuousClock.now >= resend {
                for (callID, invite) in byCallID where finals[callID] == nil { try await client.send(invite) }
                resend = ContinuousClock.now + .milliseconds(500)
            }
        }
        return finals
    }

    /// ACKs every refusal (and again any refusal that comes again: an ACK is lost as easily as
    /// an INVITE) until `parley_sip_dialogs` reads 0, or 10 s pass; returns what it last read.
    private func acknowledge(_ refusals: Refusals, by client: SIPTestClient, _ http: any TestClientProtocol) async throws -> Double? {
        var seen = client.datagramCount
        for (index, refusal) in refusals.values.enumerated() {
            try await client.send(client.acknowledgement(of: refusal.invite, refusedWith: refusal.response))
            if index % 50 == 49 { try await Task.sleep(for: .milliseconds(5)) }
        }
        let deadline = ContinuousClock.now + .seconds(10)
        var value: Double?
        repeat {
            try await Task.sleep(for: .milliseconds(50))
            let responses = client.responses(since: &seen)
            for response in responses where response.status >= 300 {
                guard let refusal = response.headers["Call-ID"].flatMap({ refusals[$0] }) else { continue }
                try await client.send(client.acknowledgement(of: refusal.invite, refusedWith: refusal.response))
            }
            value = ProcessMetrics.value(of: "parley_sip_dialogs", in: try await http.call(.get, "/metrics").text)
        } while value != 0 && ContinuousClock.now < deadline
        return value
    }

    /// `parley_sip_dialogs` at `/metrics`, read until `done` holds or 10 s pass.
    private func dialogs(_ http: any TestClientProtocol, until done: (Double) -> Bool) async throws -> Double? {
        let deadline = ContinuousClock.now + .seconds(10)
        var value: Double?
        repeat {
            let response = try await http.call(.get, "/metrics")
            value = ProcessMetrics.value(of: "parley_sip_dialogs", in: response.text)
            if let value, done(value) { return value }
            try await Task.sleep(for: .milliseconds(100))
        } while ContinuousClock.now < deadline
        return value
    }

    @Test func callsBeyondMaxCallsAreRefusedBusy() async throws {
        // Admitted calls reach the organisation's balance, which is empty: 402, before any engine.
        try await withServer(credits: 0, maxCalls: 2) { client, _ in
            var refused: [String: (SIPRequest, SIPResponse)] = [:]
            for callID in ["limit-a", "limit-b"] {
                let invite = client.invite(callID: callID, to: Self.number)
                try await client.send(invite)
                let refusal = try #require(try await client.finalResponse(callID: callID, method: .invite))
                #expect(refusal.status == 402, "\(callID)")
                refused[callID] = (invite, refusal)
            }
            // Both refusals wait for their ACKs: a third call is over the limit.
            try await client.send(client.invite(callID: "limit-c", to: Self.number))
            let busy = try #require(try await client.finalResponse(callID: "limit-c", method: .invite))
            #expect(busy.status == 503)
            #expect(busy.headers["Retry-After"] != nil)

            for (invite, refusal) in refused.values { try await client.send(client.acknowledgement(of: invite, refusedWith: refusal)) }
            try await Task.sleep(for: .milliseconds(200))
            let invite = client.invite(callID: "limit-d", to: Self.number)
            try await client.send(invite)
            let again = try #require(try await client.finalResponse(callID: "limit-d", method: .invite))
            #expect(again.status == 402, "acknowledged refusals free their places")
            try await client.send(client.acknowledgement(of: invite, refusedWith: again))
        }
    }
}

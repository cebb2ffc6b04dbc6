import Foundation
import Testing
@testable import Telephony

/// The user agent's state machine driven message by message, without sockets.
@Suite struct SIPSignalingTests {
    static let caller = SIPPeer(host: "127.0.0.1", port: 5061)
    static let parley = SIPPeer(host: "127.0.0.1", port: 5060)
    static let sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 6000 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n"
    let start = ContinuousClock.now

    static func request(_ method: String, callID: String = "c1", cseq: Int = 1, branch: String = "z9hG4bK1", toTag: String? = nil, body: String = "", extra: String = "") -> [UInt8] {
        let to = "<sip:+15550100@127.0.0.1>" + (toTag.map { ";tag=\($0)" } ?? "")
        let type = body.isEmpty ? "" : "Content-Type: application/sdp\r\n"
        let text = "\(method) sip:+15550100@127.0.0.1:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5061;branch=\(branch);rport\r\n"
            + "From: <sip:+15550111@127.0.0.1>;tag=caller\r\nTo: \(to)\r\nCall-ID: \(callID)\r\nCSeq: \(cseq) \(method)\r\n"
            + "Contact: <sip:caller@127.0.0.1:5061>\r\nMax-Forwards: 70\r\n\(extra)\(type)Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
        return Array(text.utf8)
    }

    static func responses(_ actions: [SIPAction]) -> [SIPResponse] {
        actions.compactMap {
            guard case .send(let bytes, _) = $0, case .response(let response) = try? SIPMessage(parsing: bytes) else { return nil }
            return response
        }
    }

    static func requests(_ actions: [SIPAction]) -> [SIPRequest] {
        actions.compactMap {
            guard case .send(let bytes, _) = $0, case .request(let request) = try? SIPMessage(parsing: bytes) else { return nil }
            return request
        }
    }

    /// An inbound call up to its admission.
    func invited(_ signaling: inout SIPSignaling) throws -> InboundSIPCall {
        let actions = signaling.receive(Self.request("INVITE", body: Self.sdp), from: Self.caller, now: start)
        #expect(Self.responses(actions).map(\.status) == [100])
        guard case .admit(let call) = actions.last else { throw Unexpected() }
        return call
    }

    struct Unexpected: Error {}

    @Test func answersAnInboundCallAndRepeatsTheAnswerUntilTheACK() throws {
        var signaling = SIPSignaling(local: Self.parley, maxCalls: 10)
        let call = try invited(&signaling)
        #expect(call.to == "+15550100" && call.from == "+15550111" && call.offer.codec == .pcmu && call.offer.telephoneEventPayloadType == 101)
        let answer = call.offer.answer(address: "127.0.0.1", port: 20_000, sessionID: 1, version: 1)
        let ok = try #require(Self.responses(signaling.accept(callID: "c1", answer: answer, now: start)).first)
        #expect(ok.status == 200 && ok.headers["Contact"] != nil && String(decoding: ok.body, as: UTF8.self).contains("m=audio 20000"))
        #expect(ok.headers["Via"]?.contains("rport=5061") == true)
        let tag = try #require(ok.headers["To"].flatMap(SIPNameAddress.init)?.tag)
        // A retransmitted INVITE gets the same answer; T1 later the answer goes again by itself.
        #expect(Self.responses(signaling.receive(Self.request("INVITE", body: Self.sdp), from: Self.caller, now: start)) == [ok])
        #expect(Self.responses(signaling.tick(now: start + .milliseconds(400))).isEmpty)
        #expect(Self.responses(signaling.tick(now: start + .milliseconds(510))) == [ok])
        #expect(signaling.receive(Self.request("ACK", toTag: tag), from: Self.caller, now: start + .seconds(1)).isEmpty)
        #expect(signaling.tick(now: start + .seconds(5)).isEmpty)
        // The caller hangs up.
        let bye = signaling.receive(Self.request("BYE", cseq: 2, branch: "z9hG4bK2", toTag: tag), from: Self.caller, now: start + .seconds(6))
        #expect(Self.responses(bye).map(\.status) == [200])
        #expect(bye.last == .ended(callID: "c1", .remoteHangUp))
        #expect(signaling.callCount == 0)
        // The BYE repeated gets the same 200, and the call stays ended.
        #expect(Self.responses(signaling.receive(Self.request("BYE", cseq: 2, branch: "z9hG4bK2", toTag: tag), from: Self.caller, now: start + .seconds(7))) == Self.responses(bye))
    }

    @Test func ringsUntilAnsweredWithOneTag() throws {
        var signaling = SIPSignaling(local: Self.parley, maxCalls: 10)
        let call = try invited(&signaling)
        let ringing = try #require(Self.responses(signaling.ring(callID: "c1")).first)
        #expect(ringing.status == 180)
        // The INVITE again gets the ringing again.
        #expect(Self.responses(signaling.receive(Self.request("INVITE", body: Self.sdp), from: Self.caller, now: start)) == [ringing])
        let ok = try #require(Self.responses(signaling.accept(callID: "c1", answer: call.offer.answer(address: "127.0.0.1", port: 2, sessionID: 1, version: 1), now: start)).first)
        let tag = ringing.headers["To"].flatMap(SIPNameAddress.init)?.tag
        #expect(tag != nil && ok.headers["To"].flatMap(SIPNameAddress.init)?.tag == tag)
    }

    @Test func anUnacknowledgedAnswerEndsTheCallWithABye() throws {
        var signaling = SIPSignaling(local: Self.parley, maxCalls: 10)
        let call = try invited(&signaling)
        _ = signaling.accept(callID: "c1", answer: call.offer.answer(address: "127.0.0.1", port: 20_000, sessionID: 1, version: 1), now: start)
        let actions = signaling.tick(now: start + .seconds(33))
        #expect(Self.requests(actions).map(\.method) == [.bye])
        #expect(actions.last == .ended(callID: "c1", .unacknowledged))
    }

    @Test func parleyHangsUpWithAByeRepeatedUntilAnswered() throws {
        var signaling = SIPSignaling(local: Self.parley, maxCalls: 10)
        let call = try invited(&signaling)
        let ok = try #require(Self.responses(signaling.accept(callID: "c1", answer: call.offer.answer(address: "127.0.0.1", port: 2, sessionID: 1, version: 1), now: start)).first)
        let tag = try #require(ok.headers["To"].flatMap(SIPNameAddress.init)?.tag)
        _ = signaling.receive(Self.request("ACK", toTag: tag), from: Self.caller, now: start)
        let hangUp = signaling.hangUp(callID: "c1", now: start)
        let bye = try #require(Self.requests(hangUp).first)
        #expect(bye.method == .bye && bye.uri.user == "caller" && bye.uri.port == 5061)
        #expect(bye.headers["From"]?.contains("tag=\(tag)") == true && bye.headers["To"]?.contains("tag=caller") == true)
        #expect(hangUp.last == .ended(callID: "c1", .localHangUp))
        #expect(Self.requests(signaling.tick(now: start + .milliseconds(600))).map(\.method) == [.bye])
        var answer = bye.response(200, from: Self.parley)
        answer.headers.set("To", bye.headers["To"] ?? "")
        _ = signaling.receive(answer.bytes, from: Self.caller, now: start + .seconds(1))
        #expect(signaling.tick(now: start + .seconds(3)).isEmpty)
    }

    @Test func aCancelBeforeTheAnswerEndsTheCallWith487() throws {
        var signaling = SIPSignaling(local: Self.parley, maxCalls: 10)
        _ = try invited(&signaling)
        let actions = signaling.receive(Self.request("CANCEL"), from: Self.caller, now: start)
        #expect(Self.responses(actions).map(\.status) == [200, 487])
        #expect(actions.last == .ended(callID: "c1", .cancelled))
        // The admission finishing afterwards finds no call to answer.
        #expect(signaling.accept(callID: "c1", answer: SessionDescription(sessionID: 1, sessionVersion: 1, originAddress: "x", connectionAddress: nil, media: []), now: start) == [.ended(callID: "c1", .cancelled)])
        _ = signaling.receive(Self.request("ACK"), from: Self.caller, now: start)
        #expect(signaling.callCount == 0)
    }

    @Test func refusalsAreRepeatedUntilAcknowledged() throws {
        var signaling = SIPSignaling(local: Self.parley, maxCalls: 10)
        _ = try invited(&signaling)
        let refusal = signaling.reject(callID: "c1", status: 404, now: start)
        #expect(Self.responses(refusal).map(\.status) == [404])
        #expect(refusal.last == .ended(callID: "c1", .localHangUp))
        #expect(Self.responses(signaling.tick(now: start + .milliseconds(600))).map(\.status) == [404])
        _ = signaling.receive(Self.request("ACK"), from: Self.caller, now: start + .seconds(1))
        #expect(signaling.callCount == 0)
    }

    @Test func reinvitesMoveTheMediaAndGetTheSameAnswerNewerVersion() throws {
        var signaling = SIPSignaling(local: Self.parley, maxCalls: 10)
        let call = try invited(&signaling)
        let ok = try #require(Self.responses(signaling.accept(callID: "c1", answer: call.offer.answer(address: "127.0.0.1", port: 20_000, sessionID: 9, version: 9), now: start)).first)
        let tag = try #require(ok.headers["To"].flatMap(SIPNameAddress.init)?.tag)
        _ = signaling.receive(Self.request("ACK", toTag: tag), from: Self.caller, now: start)
        let moved = Self.sdp.replacingOccurrences(of: "6000", with: "7000")
        let actions = signaling.receive(Self.request("INVITE", cseq: 2, branch: "z9hG4bK3", toTag: tag, body: moved), from: Self.caller, now: start)
        let answer = try #require(Self.responses(actions).first)
        #expect(answer.status == 200)
        let description = try SessionDescription(parsing: String(decoding: answer.body, as: UTF8.self))
        #expect(description.sessionVersion == 10 && description.media.first?.port == 20_000)
        guard case .mediaChanged(_, let audio) = actions.last else { throw Unexpected() }
        #expect(audio.remotePort == 7000)
    }

    @Test func answersOptionsUnknownMethodsAndRequestsOutsideACall() {
        var signaling = SIPSignaling(local: Self.parley, maxCalls: 10)
        let options = Self.responses(signaling.receive(Self.request("OPTIONS"), from: Self.caller, now: start))
        #expect(options.map(\.status) == [200] && options.first?.headers["Allow"]?.contains("INVITE") == true)
        #expect(Self.responses(signaling.receive(Self.request("SUBSCRIBE", branch: "z9hG4bK4"), from: Self.caller, now: start)).map(\.status) == [501])
        #expect(Self.responses(signaling.receive(Self.request("REGISTER", branch: "z9hG4bK5"), from: Self.caller, now: start)).map(\.status) == [405])
        #expect(Self.responses(signaling.receive(Self.request("BYE", branch: "z9hG4bK6", toTag: "x"), from: Self.caller, now: start)).map(\.status) == [481])
        #expect(Self.responses(signaling.receive(Self.request("INVITE", branch: "z9hG4bK7", toTag: "x", body: Self.sdp), from: Self.caller, now: start)).map(\.status) == [481])
        #expect(Self.responses(signaling.receive(Self.request("OPTIONS", branch: "z9hG4bK8", extra: "Max-Forwards: 0\r\n"), from: Self.caller, now: start)).map(\.status) == [200])
        #expect(signaling.callCount == 0)
    }

    @Test func refusesBrokenRequestsAndOffersWithoutLeavingState() {
        var signaling = SIPSignaling(local: Self.parley, maxCalls: 10)
        let noCallID = Array("OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP 1.2.3.4;branch=z9hG4bKq\r\nCSeq: 1 OPTIONS\r\n\r\n".utf8)
        #expect(Self.responses(signaling.receive(noCallID, from: Self.caller, now: start)).map(\.status) == [400])
        #expect(signaling.receive(Array("garbage".utf8), from: Self.caller, now: start).isEmpty)
        let video = "v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP4 1.2.3.4\r\nm=audio 6000 RTP/AVP 9\r\n"
        let refused = Self.responses(signaling.receive(Self.request("INVITE", body: video), from: Self.caller, now: start))
        #expect(refused.map(\.status) == [488] && refused.first?.headers["Warning"] != nil)
        #expect(Self.responses(signaling.receive(Self.request("INVITE", callID: "c2"), from: Self.caller, now: start)).map(\.status) == [488])
        #expect(Self.responses(signaling.receive(Self.request("INVITE", callID: "c3", body: Self.sdp, extra: "Content-Type: text/plain\r\n"), from: Self.caller, now: start)).map(\.status) == [415])
        #expect(signaling.callCount == 0)
    }

    @Test func refusesCallsBeyondItsLimit() throws {
        var signaling = SIPSignaling(local: Self.parley, maxCalls: 1)
        _ = try invited(&signaling)
        let actions = signaling.receive(Self.request("INVITE", callID: "c2", branch: "z9hG4bK9", body: Self.sdp), from: Self.caller, now: start)
        #expect(Self.responses(actions).map(\.status) == [503])
        #expect(signaling.callCount == 1)
    }

    @Test func readsKeysSentAsInfo() throws {
        var signaling = SIPSignaling(local: Self.parley, maxCalls: 10)
        let call = try invited(&signaling)
        let ok = try #require(Self.responses(signaling.accept(callID: "c1", answer: call.offer.answer(address: "127.0.0.1", port: 2, sessionID: 1, version: 1), now: start)).first)
        let tag = try #require(ok.headers["To"].flatMap(SIPNameAddress.init)?.tag)
        _ = signaling.receive(Self.request("ACK", toTag: tag), from: Self.caller, now: start)
        var info = String(decoding: Self.request("INFO", cseq: 2, branch: "z9hG4bKi", toTag: tag), as: UTF8.self)
        info = info.replacingOccurrences(of: "Content-Length: 0\r\n\r\n", with: "Content-Type: application/dtmf-relay\r\nContent-Length: 24\r\n\r\nSignal=5\r\nDuration=160\r\n")
        let actions = signaling.receive(Array(info.utf8), from: Self.caller, now: start)
        #expect(Self.responses(actions).map(\.status) == [200])
        #expect(actions.last == .pressed(callID: "c1", key: "5"))
    }

    @Test func placesACallAuthenticatingWhenTheTrunkAsks() throws {
        var signaling = SIPSignaling(local: Self.parley, maxCalls: 10)
        let trunk = SIPPeer(host: "127.0.0.1", port: 5070)
        let offer = NegotiatedAudio.offer(address: "127.0.0.1", port: 20_002, sessionID: 5)
        let call = OutboundSIPCall(callID: "out1", from: "+15550100", to: "+15550199", trunk: trunk, domain: "127.0.0.1", credentials: SIPCredentials(username: "parley", password: "secret"), offer: offer)
        let invite = try #require(Self.requests(signaling.dial(call, now: start)).first)
        #expect(invite.method == .invite && invite.uri.description == "sip:+15550199@127.0.0.1:5070")
        // Unanswered, the INVITE goes again after T1.
        #expect(Self.requests(signaling.tick(now: start + .milliseconds(510))).map(\.method) == [.invite])
        var challenge = invite.response(407, toTag: "t1", from: Self.parley)
        challenge.headers.add("Proxy-Authenticate", "Digest realm=\"trunk\", nonce=\"n0nce\", qop=\"auth\"")
        let retried = signaling.receive(challenge.bytes, from: trunk, now: start + .seconds(1))
        let sent = Self.requests(retried)
        #expect(sent.map(\.method) == [.ack, .invite])
        let authorized = sent[1]
        #expect(authorized.headers["CSeq"] == "2 INVITE" && authorized.headers["Proxy-Authorization"]?.contains("username=\"parley\"") == true)
        var ok = authorized.response(200, toTag: "callee", from: Self.parley)
        ok.headers.add("Contact", "<sip:callee@127.0.0.1:5070>")
        ok.body = Array(Self.sdp.utf8)
        let answered = signaling.receive(ok.bytes, from: trunk, now: start + .seconds(2))
        let ack = try #require(Self.requests(answered).first)
        #expect(ack.method == .ack && ack.uri.user == "callee" && ack.headers["CSeq"] == "2 ACK")
        guard case .answered(let id, let audio) = answered.last else { throw Unexpected() }
        #expect(id == "out1" && audio.remotePort == 6000)
        // A repeated 200 is acknowledged again.
        #expect(Self.requests(signaling.receive(ok.bytes, from: trunk, now: start + .seconds(3))).map(\.method) == [.ack])
        let bye = try #require(Self.requests(signaling.hangUp(callID: "out1", now: start + .seconds(4))).first)
        #expect(bye.method == .bye && bye.headers["To"]?.contains("tag=callee") == true && bye.headers["CSeq"] == "3 BYE")
    }

    @Test func aRefusedOutboundCallEndsWithItsStatus() throws {
        var signaling = SIPSignaling(local: Self.parley, maxCalls: 10)
        let trunk = SIPPeer(host: "127.0.0.1", port: 5070)
        let call = OutboundSIPCall(callID: "out2", from: "1", to: "2", trunk: trunk, domain: "127.0.0.1", credentials: nil, offer: NegotiatedAudio.offer(address: "127.0.0.1", port: 2, sessionID: 1))
        let invite = try #require(Self.requests(signaling.dial(call, now: start)).first)
        let busy = signaling.receive(invite.response(486, toTag: "t", from: Self.parley).bytes, from: trunk, now: start)
        #expect(Self.requests(busy).map(\.method) == [.ack])
        #expect(busy.last == .ended(callID: "out2", .failed(status: 486)))
        #expect(signaling.callCount == 0)
    }

    @Test func digestMatchesRFC2617sExample() throws {
        let digest = try #require(SIPDigest(challenge: "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""))
        let value = digest.authorization(method: SIPMethod(rawValue: "GET"), uri: "/dir/index.html", credentials: SIPCredentials(username: "Mufasa", password: "Circle Of Life"), cnonce: "0a4f113b")
        #expect(value.contains("response=\"6629fae49393a05397450978507c4ef1\""))
        #expect(value.contains("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"") && value.contains("qop=auth"))
    }
}

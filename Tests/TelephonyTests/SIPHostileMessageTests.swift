import Telephony
import Testing

/// Inputs the fuzzer (Fuzz/, scripts/fuzz.sh) found costly or wrong, kept as regressions.
@Suite struct SIPHostileMessageTests {
    /// A datagram-sized message whose one header field is folded over some 16,000 lines.
    static let folded: [UInt8] = {
        var text = "OPTIONS sip:192.0.2.10 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.20;branch=z9hG4bKfold\r\nCall-ID: fold\r\n"
        text += "From: <sip:a@192.0.2.20>;tag=1\r\nTo: <sip:parley@192.0.2.10>\r\nCSeq: 1 OPTIONS\r\nSubject: x"
        while text.utf8.count < SIPMessage.maxBytes - 8 { text += "\r\n x" }
        return Array((text + "\r\n\r\n").utf8)
    }()

    /// Unfolding took time in the square of the folded lines: one such datagram held the user
    /// agent's loop for seconds. It is read in linear time now.
    @Test func aHeaderFoldedOverThousandsOfLinesIsReadQuickly() throws {
        let clock = ContinuousClock()
        var message: SIPMessage?
        let elapsed = try clock.measure { message = try SIPMessage(parsing: Self.folded) }
        guard case .request(let request) = message else {
            Issue.record("not a request")
            return
        }
        let subject = try #require(request.headers["Subject"])
        #expect(subject.hasPrefix("x x x") && subject.count > 30_000)
        #expect(elapsed < .seconds(1), "reading took \(elapsed)")
    }

    /// `sip:[[x]` read as the host `[x`, which Parley wrote back as `sip:[x`, which does not read:
    /// a Contact like it made Parley send a BYE it could not read itself. Brackets hold only an
    /// IPv6 address now.
    @Test(arguments: ["sip:[[x]", "sip:[x]", "sip:[1.2.3.4]:5060", "sip:a@[zz::1]", "sip:[ ::1 ]"])
    func bracketsHoldOnlyAnIPv6Address(text: String) {
        #expect(SIPURI(text) == nil)
        #expect(SIPVia("SIP/2.0/UDP " + text.dropFirst(4)) == nil)
    }

    @Test func anIPv6AddressInBracketsReadsAndIsWrittenBack() throws {
        let uri = try #require(SIPURI("sip:alice@[2001:db8::1]:5070;transport=udp"))
        #expect(uri.host == "2001:db8::1" && uri.port == 5070 && uri.user == "alice")
        #expect(SIPURI(uri.description) == uri)
        let mapped = try #require(SIPURI("sip:[::ffff:192.0.2.1]"))
        #expect(mapped.host == "::ffff:192.0.2.1" && SIPURI(mapped.description) == mapped)
        let via = try #require(SIPVia("SIP/2.0/UDP [2001:db8::1]:5060;branch=z9hG4bK1"))
        #expect(via.host == "2001:db8::1" && via.port == 5060)
    }

    /// A URI with white space in it was read (`<sip:+1555 0100@…>`), and written back into the
    /// request line of the ACK Parley sends for a refusal: `ACK sip:+1555 0100@… SIP/2.0`, which no
    /// one can read. Such a URI is not read now, and the ACK goes to a URI that reads.
    @Test func theAckOfARefusalHasARequestLineThatReads() throws {
        #expect(SIPURI("sip:+1555 0100@192.0.2.10") == nil)
        #expect(SIPURI("sip:+15550100@192.0.2.10;tr\tansport=udp") == nil)
        #expect(SIPURI("sip:a\rb@192.0.2.10") == nil)
        #expect(SIPURI("  sip:+15550100@192.0.2.10  ")?.user == "+15550100", "spaces around a URI are not part of it")
        let refusal = """
            SIP/2.0 401 Unauthorized\r
            Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKgone;rport=5060\r
            From: "Alice" <sip:+15550001111@192.0.2.20>;tag=a1\r
            To: <sip:+1555 0100@192.0.2.10>;tag=p1\r
            Call-ID: no-longer-tracked\r
            CSeq: 1 INVITE\r
            Content-Length: 0\r
            \r

            """
        var signaling = SIPSignaling(local: SIPPeer(host: "192.0.2.10", port: 5060), maxCalls: 4)
        let actions = signaling.receive(Array(refusal.utf8), from: SIPPeer(host: "192.0.2.20", port: 5060), now: .now)
        let ack = try #require(SIPSignalingTests.requests(Array(actions.prefix(1))).first, "no ACK: \(actions)")
        #expect(ack.method == .ack && ack.headers["CSeq"] == "1 ACK")
    }

    /// An OPTIONS with `vias` Via values in one field, after the top one Parley answers to.
    static func options(vias: Int) -> [UInt8] {
        let hops = (1..<vias).map { "SIP/2.0/UDP 198.51.100.\($0 % 250):5060;branch=z9hG4bKhop\($0)" }
        return Array("""
            OPTIONS sip:192.0.2.10 SIP/2.0\r
            Via: SIP/2.0/UDP 192.0.2.20:5060;branch=z9hG4bKtop, \(hops.joined(separator: ", "))\r
            From: <sip:a@192.0.2.20>;tag=1\r
            To: <sip:parley@192.0.2.10>\r
            Call-ID: many-vias\r
            CSeq: 1 OPTIONS\r
            \r

            """.utf8)
    }

    /// Few fields but hundreds of comma-separated Via values: Parley's answer repeats each in a
    /// field of its own, more fields than any message may have, so Parley sent what it could not
    /// read. Via, Route and Record-Route values are counted now, and what is read is answered
    /// within the limit.
    @Test func viaRouteAndRecordRouteValuesAreCountedAndTheAnswerReads() throws {
        #expect(throws: SIPParseError.tooManyHeaders) { _ = try SIPMessage(parsing: Self.options(vias: SIPMessage.maxRouteValues + 1)) }
        var signaling = SIPSignaling(local: SIPPeer(host: "192.0.2.10", port: 5060), maxCalls: 4)
        let source = SIPPeer(host: "192.0.2.20", port: 5060)
        #expect(signaling.receive(Self.options(vias: 150), from: source, now: .now).count == 0, "dropped, not answered with 150 Via fields")
        let actions = signaling.receive(Self.options(vias: SIPMessage.maxRouteValues), from: source, now: .now)
        let answer = try #require(SIPSignalingTests.responses(Array(actions.prefix(1))).first, "no answer: \(actions)")
        #expect(answer.status == 200 && answer.headers.values("Via").count == SIPMessage.maxRouteValues)
    }
}

import Testing
import Telephony

@Suite struct SIPMessageTests {
    static let invite = """
        INVITE sip:+15550100@127.0.0.1:5060 SIP/2.0\r
        Via: SIP/2.0/UDP 127.0.0.1:5061;branch=z9hG4bK-1-0;rport\r
        From: "Ann" <sip:ann@127.0.0.1:5061>;tag=abc\r
        To: <sip:+15550100@127.0.0.1:5060>\r
        Call-ID: 1-42@127.0.0.1\r
        CSeq: 1 INVITE\r
        Contact: <sip:ann@127.0.0.1:5061>\r
        Max-Forwards: 70\r
        Subject: a long\r
         folded line\r
        Content-Type: application/sdp\r
        Content-Length: 4\r
        \r
        v=0\r\nextra
        """

    @Test func readsARequest() throws {
        guard case .request(let request) = try SIPMessage(parsing: Array(Self.invite.utf8)) else {
            Issue.record("not a request")
            return
        }
        #expect(request.method == .invite)
        #expect(request.uri.user == "+15550100")
        #expect(request.uri.host == "127.0.0.1")
        #expect(request.uri.port == 5060)
        #expect(request.headers["call-id"] == "1-42@127.0.0.1")
        #expect(request.headers["Subject"] == "a long folded line")
        // Content-Length cuts the body; what follows is not part of the message.
        #expect(request.body == Array("v=0\r".utf8))
        let via = try #require(request.headers["via"].flatMap(SIPVia.init))
        #expect(via.host == "127.0.0.1" && via.port == 5061 && via.branch == "z9hG4bK-1-0" && via.parameters["rport"] == "")
        let from = try #require(request.headers["From"].flatMap(SIPNameAddress.init))
        #expect(from.displayName == "Ann" && from.tag == "abc" && from.uri.user == "ann")
        #expect(request.headers["CSeq"].flatMap(SIPCSeq.init) == SIPCSeq(number: 1, method: .invite))
    }

    @Test func readsCompactFormsBareLineFeedsAndAResponse() throws {
        let text = "SIP/2.0 180 Ringing\nv: SIP/2.0/UDP [::1]:5070;branch=z9hG4bKx\nv: SIP/2.0/UDP 10.0.0.1\ni: abc\nl: 0\n\n"
        guard case .response(let response) = try SIPMessage(parsing: Array(text.utf8)) else {
            Issue.record("not a response")
            return
        }
        #expect(response.status == 180 && response.reason == "Ringing")
        #expect(response.headers["Call-ID"] == "abc")
        let vias = response.headers.values("Via").compactMap(SIPVia.init)
        #expect(vias.map(\.host) == ["::1", "10.0.0.1"])
        #expect(vias.first?.port == 5070)
    }

    @Test func writesWhatItReads() throws {
        var headers = SIPHeaders()
        headers.add("Via", "SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKabc")
        headers.add("Call-ID", "x")
        headers.add("Content-Length", "999")
        let request = SIPRequest(method: .bye, uri: try #require(SIPURI("sip:bob@example.com")), headers: headers, body: Array("hi".utf8))
        let bytes = request.bytes
        #expect(String(decoding: bytes, as: UTF8.self).contains("Content-Length: 2\r\n\r\nhi"))
        guard case .request(let back) = try SIPMessage(parsing: bytes) else {
            Issue.record("not a request")
            return
        }
        #expect(back.method == .bye && back.body == Array("hi".utf8) && back.headers["Call-ID"] == "x")
    }

    @Test(arguments: [
        ("", SIPParseError.noHeaderEnd),
        ("INVITE sip:a@b SIP/2.0\r\nVia: x\r\n", .noHeaderEnd),
        ("HELLO\r\n\r\n", .badStartLine),
        ("INVITE sip:a@b SIP/3.0\r\n\r\n", .badVersion),
        ("INVITE http://a SIP/2.0\r\n\r\n", .badStartLine),
        ("SIP/2.0 99 Low\r\n\r\n", .badStartLine),
        ("INVITE sip:a@b SIP/2.0\r\nNoColon\r\n\r\n", .badHeader),
        ("INVITE sip:a@b SIP/2.0\r\nContent-Length: -1\r\n\r\n", .badContentLength),
        ("INVITE sip:a@b SIP/2.0\r\nContent-Length: 10\r\n\r\nshort", .truncatedBody),
    ])
    func refusesWhatIsNotSIP(text: String, error: SIPParseError) {
        #expect(throws: error) { try SIPMessage(parsing: Array(text.utf8)) }
    }

    @Test func refusesTooManyHeadersAndTooMuch() {
        let many = "OPTIONS sip:a@b SIP/2.0\r\n" + String(repeating: "X-A: 1\r\n", count: 200) + "\r\n"
        #expect(throws: SIPParseError.tooManyHeaders) { try SIPMessage(parsing: Array(many.utf8)) }
        #expect(throws: SIPParseError.tooLarge) { try SIPMessage(parsing: [UInt8](repeating: 65, count: 70_000)) }
    }

    @Test func readsURIs() throws {
        let uri = try #require(SIPURI("sips:alice:secret@[2001:db8::1]:5071;transport=tcp;lr?subject=x"))
        #expect(uri.scheme == "sips" && uri.user == "alice" && uri.host == "2001:db8::1" && uri.port == 5071)
        #expect(uri.parameter("transport") == "tcp" && uri.parameter("lr") == "")
        #expect(uri.description == "sips:alice@[2001:db8::1]:5071;transport=tcp;lr")
        #expect(SIPURI("sip:host:99999") == nil)
        #expect(SIPURI("tel:+1555") == nil)
        #expect(SIPURI("sip:") == nil)
        // Without angle brackets, parameters belong to the header.
        let bare = try #require(SIPNameAddress("sip:bob@example.com;tag=t1"))
        #expect(bare.tag == "t1" && bare.uri.parameters.isEmpty)
    }
}

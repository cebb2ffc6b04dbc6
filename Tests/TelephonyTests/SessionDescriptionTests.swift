import Testing
import Telephony

@Suite struct SessionDescriptionTests {
    /// What SIPp's `uac_pcap` scenario offers, with PCMA listed first and a telephone event.
    static let offer = """
        v=0
        o=user1 53655765 2353687637 IN IP4 127.0.0.1
        s=-
        c=IN IP4 127.0.0.1
        t=0 0
        m=audio 6000 RTP/AVP 8 0 101
        a=rtpmap:8 PCMA/8000
        a=rtpmap:101 telephone-event/8000
        a=fmtp:101 0-11,16
        a=sendrecv
        """

    @Test func negotiatesTheOffersFirstCodecAndItsTelephoneEvents() throws {
        let audio = try NegotiatedAudio(from: SessionDescription(parsing: Self.offer))
        #expect(audio.codec == .pcma && audio.payloadType == 8)
        #expect(audio.telephoneEventPayloadType == 101)
        #expect(audio.remoteAddress == "127.0.0.1" && audio.remotePort == 6000)
    }

    @Test func answersWithOneCodecAndTheMirroredDirection() throws {
        var offer = try SessionDescription(parsing: Self.offer)
        offer.media[0].direction = .sendonly
        let answer = try NegotiatedAudio(from: offer).answer(address: "127.0.0.1", port: 20_000, sessionID: 7, version: 7)
        let text = answer.text
        #expect(text.contains("m=audio 20000 RTP/AVP 8 101\r\n"))
        #expect(text.contains("a=rtpmap:8 PCMA/8000\r\n") && text.contains("a=rtpmap:101 telephone-event/8000\r\n"))
        #expect(text.contains("a=recvonly\r\n") && text.contains("c=IN IP4 127.0.0.1\r\n"))
        // Parley reads its own answer back to the same stream.
        let back = try NegotiatedAudio(from: SessionDescription(parsing: text))
        #expect(back.codec == .pcma && back.remotePort == 20_000 && back.remoteDirection == .recvonly)
    }

    @Test func readsStaticPayloadTypesWithoutRtpmapAndMediaLevelAddresses() throws {
        let text = "v=0\r\no=- 1 1 IN IP6 ::1\r\ns=-\r\nt=0 0\r\nm=video 0 RTP/AVP 96\r\nm=audio 7000 RTP/AVP 18 0\r\nc=IN IP6 ::1\r\n"
        let audio = try NegotiatedAudio(from: SessionDescription(parsing: text))
        #expect(audio.codec == .pcmu && audio.remoteAddress == "::1" && audio.remotePort == 7000 && audio.telephoneEventPayloadType == nil)
    }

    @Test(arguments: [
        ("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP4 1.2.3.4\r\nm=audio 7000 RTP/AVP 9 18\r\n", SDPError.noCommonCodec),
        ("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP4 1.2.3.4\r\nm=audio 0 RTP/AVP 0\r\n", .noAudio),
        ("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nc=IN IP4 1.2.3.4\r\nm=audio 7000 RTP/SAVP 0\r\n", .noAudio),
        ("v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nm=audio 7000 RTP/AVP 0\r\n", .noAddress),
    ])
    func refusesOffersItCannotTake(text: String, error: SDPError) {
        #expect(throws: error) { try NegotiatedAudio(from: SessionDescription(parsing: text)) }
    }

    @Test func refusesMalformedLines() {
        #expect(throws: SDPError.self) { try SessionDescription(parsing: "v=0\r\ngarbage\r\n") }
        #expect(throws: SDPError.self) { try SessionDescription(parsing: "v=0\r\ns=-\r\n") }
        #expect(throws: SDPError.self) { try SessionDescription(parsing: "v=0\r\no=- 1 1 IN IP4 a\r\nm=audio x RTP/AVP 0\r\n") }
        #expect(throws: SDPError.self) { try SessionDescription(parsing: "v=0\r\no=- 1 1 IN IP4 a\r\nm=audio 1 RTP/AVP 0\r\na=rtpmap:300 X/1\r\n") }
    }
}

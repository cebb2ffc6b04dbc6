import Foundation
@testable import ParleyServer
import Testing

/// Twilio's Media Streams messages as its documentation shows them, and the TwiML Parley answers.
@Suite struct TwilioProtocolTests {
    @Test func theMessagesTwilioSendsAreRead() {
        #expect(TwilioStreamEvent(text: #"{"event":"connected","protocol":"Call","version":"1.0.0"}"#) == .connected)
        let start = TwilioStreamEvent(text: """
            {"event":"start","sequenceNumber":"1","streamSid":"MZ18ad3ab5a668481ce02b83e7395059f0",
             "start":{"accountSid":"AC123","streamSid":"MZ18ad3ab5a668481ce02b83e7395059f0","callSid":"CA456",
             "tracks":["inbound"],"mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":8000,"channels":1},
             "customParameters":{"api_key":"pk_1","agent_id":"a"}}}
            """)
        #expect(start == .start(TwilioStreamStart(
            streamSid: "MZ18ad3ab5a668481ce02b83e7395059f0", callSid: "CA456", accountSid: "AC123",
            encoding: "audio/x-mulaw", sampleRate: 8_000, customParameters: ["api_key": "pk_1", "agent_id": "a"]
        )))
        let payload = Data([0xFF, 0x7F, 0x00]).base64EncodedString()
        #expect(TwilioStreamEvent(text: #"{"event":"media","streamSid":"MZ1","media":{"track":"inbound","chunk":"2","timestamp":"5","payload":"\#(payload)"}}"#) == .media([0xFF, 0x7F, 0x00]))
        #expect(TwilioStreamEvent(text: #"{"event":"dtmf","streamSid":"MZ1","dtmf":{"track":"inbound_track","digit":"7"}}"#) == .dtmf("7"))
        #expect(TwilioStreamEvent(text: #"{"event":"mark","streamSid":"MZ1","mark":{"name":"3"}}"#) == .mark("3"))
        #expect(TwilioStreamEvent(text: #"{"event":"stop","streamSid":"MZ1","stop":{"accountSid":"AC1","callSid":"CA1"}}"#) == .stop)
    }

    @Test func whatIsNotAMediaStreamsMessageIsSetAside() {
        for text in ["not json", #"{"event":"dance"}"#, #"{"event":"media","media":{"payload":"***"}}"#,
                     #"{"event":"start","start":{"streamSid":"MZ\"},{"}}"#, #"{"event":"media","media":{"track":"outbound","payload":"AAAA"}}"#] {
            guard case .unreadable = TwilioStreamEvent(text: text) else {
                Issue.record("read \(text)")
                continue
            }
        }
    }

    @Test func theMessagesParleySendsAreJSON() throws {
        let media = try JSONSerialization.jsonObject(with: Data(TwilioStreamMessage.media(streamSid: "MZ1", payload: [1, 2, 3]).utf8)) as? [String: Any]
        #expect(media?["event"] as? String == "media")
        #expect(media?["streamSid"] as? String == "MZ1")
        #expect((media?["media"] as? [String: Any])?["payload"] as? String == Data([1, 2, 3]).base64EncodedString())
        let mark = try JSONSerialization.jsonObject(with: Data(TwilioStreamMessage.mark(streamSid: "MZ1", name: "4").utf8)) as? [String: Any]
        #expect((mark?["mark"] as? [String: Any])?["name"] as? String == "4")
        let clear = try JSONSerialization.jsonObject(with: Data(TwilioStreamMessage.clear(streamSid: "MZ1").utf8)) as? [String: String]
        #expect(clear == ["event": "clear", "streamSid": "MZ1"])
    }

    @Test func theTwiMLConnectsAStreamWithItsParameters() throws {
        let twiml = TwiML.connectStream(url: "wss://parley.example/ws/twilio/stream", parameters: [("api_key", "pk_a&b"), ("from", "+1 \"555\" <x>")])
        #expect(twiml == #"<?xml version="1.0" encoding="UTF-8"?><Response><Connect><Stream url="wss://parley.example/ws/twilio/stream">"#
            + #"<Parameter name="api_key" value="pk_a&amp;b"/><Parameter name="from" value="+1 &quot;555&quot; &lt;x&gt;"/></Stream></Connect></Response>"#)
    }
}

/// Twilio's request signatures, against the example in Twilio's security documentation (the real
/// `twilio` package, 9.13.0, computes the same).
@Suite struct TwilioSignatureTests {
    static let url = "https://mycompany.com/myapp.php?foo=1&bar=2"
    static let parameters: [(name: String, value: String)] = [
        ("CallSid", "CA1234567890ABCDE"), ("Caller", "+12349013030"), ("Digits", "1234"), ("From", "+12349013030"), ("To", "+18005551212"),
    ]

    @Test func theDocumentedExampleSigns() {
        #expect(TwilioSignature.compute(authToken: "12345", url: Self.url, parameters: Self.parameters) == "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")
        // The order of the fields does not matter; they are sorted.
        #expect(TwilioSignature.compute(authToken: "12345", url: Self.url, parameters: Self.parameters.reversed()) == "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")
    }

    @Test func onlyTheRightSignatureIsValid() {
        #expect(TwilioSignature.isValid("0/KCTR6DLpKmkAf8muzZqo1nDgQ=", authToken: "12345", url: Self.url, parameters: Self.parameters))
        // The URL with its default port, as a proxy may pass it on.
        #expect(TwilioSignature.isValid("0/KCTR6DLpKmkAf8muzZqo1nDgQ=", authToken: "12345", url: "https://mycompany.com:443/myapp.php?foo=1&bar=2", parameters: Self.parameters))
        #expect(!TwilioSignature.isValid("0/KCTR6DLpKmkAf8muzZqo1nDgQ=", authToken: "54321", url: Self.url, parameters: Self.parameters))
        #expect(!TwilioSignature.isValid("0/KCTR6DLpKmkAf8muzZqo1nDgQ=", authToken: "12345", url: Self.url, parameters: Self.parameters.dropLast()))
        #expect(!TwilioSignature.isValid(nil, authToken: "12345", url: Self.url, parameters: Self.parameters))
        #expect(!TwilioSignature.isValid("not base64!", authToken: "12345", url: Self.url, parameters: Self.parameters))
    }

    @Test func formFieldsAreDecoded() {
        let fields = FormFields.parse("From=%2B1555&CallerName=Ada+Lovelace&Empty=&From=%2B1666")
        #expect(fields.map(\.name) == ["From", "CallerName", "Empty", "From"])
        #expect(fields.map(\.value) == ["+1555", "Ada Lovelace", "", "+1666"])
    }
}

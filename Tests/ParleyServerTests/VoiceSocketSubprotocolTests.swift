import HTTPTypes
@testable import ParleyServer
import Testing

@Suite struct VoiceSocketSubprotocolTests {
    @Test func theKeyComesFromTheParleyKeySubprotocol() {
        let headers: HTTPFields = [.secWebSocketProtocol: "parley, parley-key.pk_abc123"]
        #expect(VoiceSocketSubprotocol.apiKey(in: headers) == "pk_abc123")
        #expect(VoiceSocketSubprotocol.responseHeaders(for: headers)[.secWebSocketProtocol] == "parley")
    }

    @Test func protocolsMaySpanSeveralHeaderLines() {
        var headers = HTTPFields()
        headers.append(HTTPField(name: .secWebSocketProtocol, value: "chat"))
        headers.append(HTTPField(name: .secWebSocketProtocol, value: "parley-key.pk_xyz,parley"))
        #expect(VoiceSocketSubprotocol.apiKey(in: headers) == "pk_xyz")
        #expect(VoiceSocketSubprotocol.responseHeaders(for: headers)[.secWebSocketProtocol] == "parley")
    }

    @Test func noParleyProtocolChoosesNone() {
        let headers: HTTPFields = [.secWebSocketProtocol: "chat, parley-key."]
        #expect(VoiceSocketSubprotocol.apiKey(in: headers) == nil, "an empty key is no key")
        #expect(VoiceSocketSubprotocol.responseHeaders(for: headers).isEmpty, "parley was not offered")
        #expect(VoiceSocketSubprotocol.apiKey(in: [:]) == nil)
    }
}

import Foundation
import HummingbirdTesting
import HummingbirdWSClient
import Logging
import NIOWebSocket
@testable import ParleyServer
import Testing

/// Media Streams sockets that cannot become a call are closed with a reason, before any engine
/// is loaded.
@Suite struct TwilioStreamRefusalTests {
    /// Opens `/ws/twilio/stream`, sends `messages`, and answers the server's close code.
    private func closeCode(port: Int, sending messages: [String]) async throws -> Int? {
        let close = try await WebSocketClient.connect(url: "ws://127.0.0.1:\(port)/ws/twilio/stream", logger: Logger(label: "test")) { inbound, outbound, _ in
            for message in messages { try await outbound.write(.text(message)) }
            for try await _ in inbound.messages(maxSize: 1 << 20) {}
        }
        return close.map { Int(UInt16(webSocketErrorCode: $0.closeCode)) }
    }

    private func start(encoding: String = "audio/x-mulaw", parameters: String) -> String {
        #"{"event":"start","streamSid":"MZ1","start":{"streamSid":"MZ1","callSid":"CA1","mediaFormat":{"encoding":"\#(encoding)","sampleRate":8000,"channels":1},"customParameters":\#(parameters)}}"#
    }

    @Test func silentWrongAndUnknownStreamsAreClosed() async throws {
        let fixture = try await ServerFixture.make { $0.port = 0 }
        try await fixture.application().test(.live) { client in
            let port = try #require(client.port)
            #expect(try await closeCode(port: port, sending: []) == 1008, "no start message")
            let key = #"{"api_key":"\#(fixture.apiKey)"}"#
            #expect(try await closeCode(port: port, sending: [start(encoding: "audio/l16", parameters: key)]) == 1003)
            #expect(try await closeCode(port: port, sending: [start(parameters: #"{"api_key":"pk_wrong"}"#)]) == 4001)
            #expect(try await closeCode(port: port, sending: [start(parameters: #"{"api_key":"\#(fixture.apiKey)","agent_id":"nope"}"#)]) == 4005)
        }
    }
}

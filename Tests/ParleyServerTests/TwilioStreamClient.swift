import Audio
import Foundation
import HummingbirdWSClient
import Logging
import NIOCore

/// A Media Streams client written from Twilio's documentation: it opens `/ws/twilio/stream` as
/// Twilio does after the TwiML's `<Connect><Stream>`, sends `connected` and `start`, then the
/// caller's audio as µ-law 8 kHz in 20 ms `media` messages at real-time pace.
///
/// What the server sends lands in a ``VoiceSocketLog``: `media` as `.audio` (µ-law bytes),
/// `mark` and `clear` as messages of those types (a mark's name in `payload.text`).
enum TwilioStreamClient {
    static let streamSid = "MZ00000000000000000000000000000001"

    static func connect(
        port: Int, parameters: [String: String],
        _ body: @escaping @Sendable (WebSocketOutboundWriter, VoiceSocketLog) async throws -> Void
    ) async throws -> (close: WebSocketCloseFrame?, log: VoiceSocketLog) {
        let log = VoiceSocketLog()
        let close = try await WebSocketClient.connect(
            url: "ws://127.0.0.1:\(port)/ws/twilio/stream", configuration: .init(), logger: Logger(label: "twilio-test-client")
        ) { inbound, outbound, _ in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    do {
                        for try await message in inbound.messages(maxSize: 1 << 20) {
                            guard case .text(let text) = message else { continue }
                            await log.append(try item(text))
                        }
                    } catch {
                        await log.close()
                        throw error
                    }
                    await log.close()
                }
                try await outbound.write(.text(#"{"event":"connected","protocol":"Call","version":"1.0.0"}"#))
                let custom = String(data: try JSONEncoder().encode(parameters), encoding: .utf8)!
                try await outbound.write(.text("""
                    {"event":"start","sequenceNumber":"1","streamSid":"\(streamSid)","start":{"accountSid":"AC0","streamSid":"\(streamSid)",\
                    "callSid":"CA0","tracks":["inbound"],"mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":8000,"channels":1},\
                    "customParameters":\(custom)}}
                    """))
                try await body(outbound, log)
                try await outbound.write(.text(#"{"event":"stop","streamSid":"\#(streamSid)","stop":{"accountSid":"AC0","callSid":"CA0"}}"#))
                try await group.waitForAll()
            }
        }
        return (close, log)
    }

    /// Sends `samples` (16 kHz) as 20 ms µ-law frames in real time.
    static func speak(_ samples: [Float], to outbound: WebSocketOutboundWriter) async throws {
        let bytes = try PCMAudio(samples: samples, sampleRate: 16_000).resampled(to: 8_000).muLaw
        let start = ContinuousClock.now
        for (index, offset) in stride(from: 0, to: bytes.count, by: 160).enumerated() {
            let frame = Data(bytes[offset..<min(offset + 160, bytes.count)]).base64EncodedString()
            try await outbound.write(.text(#"{"event":"media","streamSid":"\#(streamSid)","media":{"track":"inbound","payload":"\#(frame)"}}"#))
            try await Task.sleep(until: start + .milliseconds(20 * (index + 1)), clock: .continuous)
        }
    }

    /// Keeps sending silence, as a phone line does, while `wait` runs.
    static func listening<Result: Sendable>(on outbound: WebSocketOutboundWriter, until wait: @escaping @Sendable () async throws -> Result) async throws -> Result {
        try await VoiceSocketClient.listening(sending: { try await speak(VoiceSocketClient.silence(.milliseconds(100)), to: outbound) }, until: wait)
    }

    private static func item(_ text: String) throws -> VoiceSocketLog.Item {
        struct Wire: Decodable {
            struct Media: Decodable { var payload: String }
            struct Mark: Decodable { var name: String }
            var event: String
            var streamSid: String
            var media: Media?
            var mark: Mark?
        }
        let wire = try JSONDecoder().decode(Wire.self, from: Data(text.utf8))
        guard wire.streamSid == streamSid else { return .message(.init(type: "wrong streamSid")) }
        switch wire.event {
        case "media": return .audio(Array(Data(base64Encoded: wire.media?.payload ?? "") ?? Data()))
        case "mark": return .message(.init(type: "mark", payload: .init(text: wire.mark?.name)))
        default: return .message(.init(type: wire.event))
        }
    }
}

import Audio
import Conversation
import Logging
import Synchronization
import WSCore

/// Carries a call's speech to Twilio: each piece resampled to 8 kHz, µ-law, in `media` messages
/// of exactly 20 ms (the last padded with silence), then a `mark`; a barge-in clears what Twilio
/// has not played. Transcripts have no place in the protocol (they go to the call record).
///
/// Twilio plays what it receives in order and buffers the rest, so pieces are sent as the call
/// queues them: the call keeps its synthesis only a little ahead of what the caller hears.
final class TwilioStreamOutput: CallOutput {
    let outbound: WebSocketOutboundWriter
    let streamSid: String
    let logger: Logger
    private let piecesSent = Atomic<Int>(0)

    /// 20 ms at 8 kHz, one byte a sample.
    static let frameBytes = 160
    /// µ-law for 0.
    static let silence: UInt8 = 0xFF

    init(outbound: WebSocketOutboundWriter, streamSid: String, logger: Logger) {
        self.outbound = outbound
        self.streamSid = streamSid
        self.logger = logger
    }

    func send(_ event: CallEvent) async throws {
        switch event {
        case .speech(let audio):
            try await sendSpeech(audio)
        case .speechStopped:
            try await outbound.write(.text(TwilioStreamMessage.clear(streamSid: streamSid)))
        case .error(let message):
            logger.warning("the call could not tell the caller: \(message)")
        case .transcript, .speechEnded:
            break
        }
    }

    private func sendSpeech(_ audio: PCMAudio) async throws {
        // Every piece is counted and marked, empty or not: the call counts them alike.
        let number = piecesSent.add(1, ordering: .relaxed).newValue
        let bytes = try audio.resampled(to: 8_000).muLaw
        for start in stride(from: 0, to: bytes.count, by: Self.frameBytes) {
            var frame = Array(bytes[start..<min(start + Self.frameBytes, bytes.count)])
            frame += repeatElement(Self.silence, count: Self.frameBytes - frame.count)
            try await outbound.write(.text(TwilioStreamMessage.media(streamSid: streamSid, payload: frame)))
        }
        try await outbound.write(.text(TwilioStreamMessage.mark(streamSid: streamSid, name: String(number))))
    }
}

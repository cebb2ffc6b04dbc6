import Audio
import Foundation
import NIOCore

/// What one load caller's socket carries, by transport: the path it asks to upgrade, what it says
/// first and last, its frames (made once, as ``ClientFrame``s: its utterance, a loud 440 Hz tone
/// (RMS ≈ 0.21) or recorded speech, and silence, 20 ms each), and what a message from the server is.
struct Wire: Sendable {
    let path: String
    let opening: [ByteBuffer]
    let closing: [ByteBuffer]
    let tone: [ByteBuffer]
    let silence: ByteBuffer
    let isTwilio: Bool

    enum Received {
        case audio(bytes: Int)
        case error
        case other
    }

    /// `/ws/voice`: PCM16 at 16 kHz in binary frames; the agent's audio comes as binary frames.
    static func voice(apiKey: String, agentID: String, audioFormat: String, utterance: [PCMAudio]) -> Wire {
        Wire(
            path: "/ws/voice?api_key=\(apiKey)&agent_id=\(agentID)&audio_format=\(audioFormat)",
            opening: [], closing: [],
            tone: utterance.map { ClientFrame.make(ClientFrame.binary, $0.pcm16LittleEndian) },
            silence: ClientFrame.make(ClientFrame.binary, [UInt8](repeating: 0, count: 640)),
            isTwilio: false
        )
    }

    /// `/ws/twilio/stream`: Twilio's `connected` and `start` (with the key and agent as custom
    /// parameters), then µ-law 8 kHz `media` messages, and `stop` to hang up.
    static func twilio(apiKey: String, agentID: String, utterance: [PCMAudio]) -> Wire {
        let sid = "MZ00000000000000000000000000000001"
        func media(_ bytes: [UInt8]) -> ByteBuffer {
            ClientFrame.text(#"{"event":"media","streamSid":"\#(sid)","media":{"track":"inbound","payload":"\#(Data(bytes).base64EncodedString())"}}"#)
        }
        let start = #"{"event":"start","streamSid":"\#(sid)","start":{"streamSid":"\#(sid)","callSid":"CA0","mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":8000,"channels":1},"customParameters":{"api_key":"\#(apiKey)","agent_id":"\#(agentID)"}}}"#
        return Wire(
            path: "/ws/twilio/stream",
            opening: [ClientFrame.text(#"{"event":"connected","protocol":"Call","version":"1.0.0"}"#), ClientFrame.text(start)],
            closing: [ClientFrame.text(#"{"event":"stop","streamSid":"\#(sid)"}"#)],
            tone: utterance.map { media($0.muLaw) },
            silence: media([UInt8](repeating: 0xFF, count: 160)),
            isTwilio: true
        )
    }

    /// What a whole frame from the server (`opcode`, `payload`) is to the caller; a continuation
    /// of a binary message is more of the same audio, not a new piece.
    func received(opcode: UInt8, payload: ByteBuffer) -> Received {
        switch opcode {
        case ClientFrame.binary:
            return isTwilio ? .other : .audio(bytes: payload.readableBytes)
        case ClientFrame.text:
            let text = String(buffer: payload)
            if isTwilio {
                // 20 ms of µ-law is 160 bytes, 216 in base64.
                return text.hasPrefix(#"{"event":"media""#) ? .audio(bytes: 160) : .other
            }
            return text.contains(#""type":"error""#) ? .error : .other
        default:
            return .other
        }
    }

    /// `audio` in 20 ms frames at `rate`, the last padded with silence.
    static func frames(of audio: PCMAudio, rate: Int) throws -> [PCMAudio] {
        try audio.resampled(to: rate).samples.frames(of: rate / 50, paddedWith: 0).map { PCMAudio(samples: $0, sampleRate: rate) }
    }

    static func tone(frames: Int, rate: Int) -> [PCMAudio] {
        let size = rate / 50
        return (0..<frames).map { frame in
            PCMAudio(samples: (0..<size).map { Float(0.3 * sin(2 * Double.pi * 440 * Double(frame * size + $0) / Double(rate))) }, sampleRate: rate)
        }
    }
}

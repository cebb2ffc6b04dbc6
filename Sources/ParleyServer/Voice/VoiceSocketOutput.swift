import Audio
import Conversation
import NIOCore
import WSCore

/// Carries a call's events to a voice socket: JSON messages, and each piece of the agent's speech
/// as one binary frame at 24 kHz, an MP3 (seed 002) or raw PCM16.
final class VoiceSocketOutput: CallOutput {
    let outbound: WebSocketOutboundWriter
    let format: VoiceAudioFormat
    // The server's one encoder at ``VoiceAudioFormat/sampleRate``, nil for raw PCM16.
    private let encoder: MP3Encoder?

    init(outbound: WebSocketOutboundWriter, format: VoiceAudioFormat, mp3: MP3Encoder) {
        self.outbound = outbound
        self.format = format
        encoder = format == .mp3 ? mp3 : nil
    }

    func send(_ event: CallEvent) async throws {
        switch event {
        case .transcript(let role, let text, let isFinal):
            try await outbound.write(.text(VoiceSocketMessage.transcript(role: role, text: text, isFinal: isFinal)))
        case .speech(let audio):
            let bytes = try encode(audio.resampled(to: VoiceAudioFormat.sampleRate))
            guard !bytes.isEmpty else { return }
            try await outbound.writeBinaryMessage(ByteBuffer(bytes: bytes))
        case .speechStopped:
            try await outbound.write(.text(VoiceSocketMessage.audioStop))
        case .speechEnded:
            try await outbound.write(.text(VoiceSocketMessage.audioEnd))
        case .error(let message):
            try await outbound.write(.text(VoiceSocketMessage.error(message)))
        }
    }

    func sendText(_ text: String) async throws {
        try await outbound.write(.text(text))
    }

    private func encode(_ audio: PCMAudio) throws -> [UInt8] {
        guard let encoder else { return audio.pcm16LittleEndian }
        return try encoder.encode(audio.samples)
    }
}

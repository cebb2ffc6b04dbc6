import Audio
import Conversation
import NIOCore
import Synchronization
import WSCore

/// Carries a call's events to a voice socket: JSON messages, and each piece of the agent's speech
/// as one binary frame at 24 kHz, an MP3 (seed 002) or raw PCM16.
final class VoiceSocketOutput: CallOutput {
    let outbound: WebSocketOutboundWriter
    let format: VoiceAudioFormat
    // Used by the call's one delivery task at a time; the mutex only makes that provable.
    private let encoder: Mutex<MP3Encoder?>

    init(outbound: WebSocketOutboundWriter, format: VoiceAudioFormat) throws {
        self.outbound = outbound
        self.format = format
        encoder = Mutex(format == .mp3 ? try MP3Encoder(sampleRate: VoiceAudioFormat.sampleRate) : nil)
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
        try encoder.withLock { encoder in
            guard let encoder else { return audio.pcm16LittleEndian }
            return try encoder.encode(audio.samples)
        }
    }
}

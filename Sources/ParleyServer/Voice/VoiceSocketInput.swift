import Audio
import Conversation
import Foundation
import NIOCore
import WSCore

/// What a frame from the caller's socket means to the call: binary frames are PCM16 16 kHz mono
/// audio (seed 002); anything else is reported back, never fatal.
enum VoiceSocketInput {
    /// The largest message taken, about two seconds of audio, in frames of at most 16 KiB; a larger
    /// message or frame closes the socket (1009).
    static let maxMessageBytes = 64 * 1024

    static func input(from message: WebSocketMessage) -> CallInput {
        switch message {
        case .binary(let buffer):
            guard buffer.readableBytes % 2 == 0 else {
                return .unusable("Binary frames must be PCM16: an even number of bytes")
            }
            return .audio(PCMAudio(pcm16LittleEndian: buffer.readableBytesView, sampleRate: 16_000).samples)
        case .text(let text):
            guard (try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil else {
                return .unusable("Text frames must be JSON")
            }
            return .unusable("Unknown message: the voice socket takes binary PCM16 audio only")
        }
    }
}

import Foundation
import Hummingbird

/// The query of `GET /ws/voice` (seed 002).
struct VoiceSocketQuery: Sendable, Equatable {
    var apiKey: String?
    /// `nil`: the organisation's first active voice agent.
    var agentID: UUID?
    /// The `historyKey` of an earlier connection, to continue its conversation.
    var sessionID: String?
    var audioFormat: VoiceAudioFormat

    /// Reads the query; throws the close a bad parameter deserves.
    init(_ parameters: Parameters) throws(VoiceSocketClose) {
        apiKey = parameters.get("api_key").flatMap { $0.isEmpty ? nil : $0 }
        if let raw = parameters.get("agent_id"), !raw.isEmpty {
            // An id that is no UUID cannot name an agent.
            guard let id = UUID(uuidString: raw) else { throw .agentNotFound() }
            agentID = id
        }
        if let session = parameters.get("session_id"), !session.isEmpty {
            guard session.count <= 128, session.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
                throw .badRequest("session_id must be at most 128 printable ASCII characters")
            }
            sessionID = session
        }
        let format = parameters.get("audio_format") ?? VoiceAudioFormat.mp3.rawValue
        guard let audioFormat = VoiceAudioFormat(rawValue: format) else {
            throw .badRequest("audio_format must be mp3 or pcm16")
        }
        self.audioFormat = audioFormat
    }
}

/// How the agent's speech is sent: one MP3 per piece (seed 002), or raw PCM16 for clients that
/// would rather not decode; both at 24 kHz mono.
enum VoiceAudioFormat: String, Sendable {
    case mp3, pcm16

    static let sampleRate = 24_000
}

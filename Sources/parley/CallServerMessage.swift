import Foundation

/// A text frame of the `/ws/voice` socket as `parley call` understands it (seed 002's JSON
/// messages; the server's side is `VoiceSocketMessage`).
enum CallServerMessage: Equatable, Sendable {
    /// The call is set up: who answers, and the key that resumes the conversation (`session_id`).
    case connected(agentName: String, agentID: String, historyKey: String, callID: String)
    /// What the caller said (`user`) or the agent says (`assistant`); partial ones are replaced by
    /// later ones of the same role.
    case transcript(role: String, text: String, isFinal: Bool)
    /// The agent stopped speaking because it was interrupted: drop what has not been played.
    case audioStop
    /// The agent's speech is complete (all its audio has been sent, not necessarily played).
    case audioEnd
    /// Something went wrong on the server; the call may go on.
    case error(message: String)
    /// A JSON object of a type this client does not know, or text that is no such object.
    case unknown(String)

    private struct Envelope: Decodable {
        var type: String
        var agentName: String?
        var agentId: String?
        var historyKey: String?
        var callId: String?
        var payload: Payload?
    }

    private struct Payload: Decodable {
        var role: String?
        var text: String?
        var isFinal: Bool?
        var message: String?
    }

    /// Parses one text frame; never fails (what it cannot read is ``unknown(_:)``).
    init(json text: String) {
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: Data(text.utf8)) else {
            self = .unknown(text)
            return
        }
        switch envelope.type {
        case "connected":
            self = .connected(
                agentName: envelope.agentName ?? "",
                agentID: envelope.agentId ?? "",
                historyKey: envelope.historyKey ?? "",
                callID: envelope.callId ?? ""
            )
        case "transcript":
            guard let payload = envelope.payload, let role = payload.role, let said = payload.text else {
                self = .unknown(text)
                return
            }
            self = .transcript(role: role, text: said, isFinal: payload.isFinal ?? true)
        case "audioStop":
            self = .audioStop
        case "audioEnd":
            self = .audioEnd
        case "error":
            self = .error(message: envelope.payload?.message ?? text)
        default:
            self = .unknown(text)
        }
    }
}

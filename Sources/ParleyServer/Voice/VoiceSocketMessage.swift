import Foundation
import ParleyCore

/// The JSON messages a voice socket sends (seed 002).
enum VoiceSocketMessage {
    private struct Connected: Encodable {
        let type = "connected"
        let agentName: String
        let agentId: String
        let historyKey: String
        let callId: String
    }

    private struct Typed<Payload: Encodable>: Encodable {
        let type: String
        let payload: Payload?
    }

    private struct Transcript: Encodable {
        let role: String
        let text: String
        let isFinal: Bool
    }

    private struct Problem: Encodable {
        let message: String
    }

    private struct Nothing: Encodable {}

    static func connected(agent: Agent, historyKey: String, callID: UUID) -> String {
        json(Connected(agentName: agent.settings.name, agentId: agent.id.lowercasedString, historyKey: historyKey, callId: callID.lowercasedString))
    }

    static func transcript(role: TurnRole, text: String, isFinal: Bool) -> String {
        json(Typed(type: "transcript", payload: Transcript(role: role.rawValue, text: text, isFinal: isFinal)))
    }

    static func error(_ message: String) -> String {
        json(Typed(type: "error", payload: Problem(message: message)))
    }

    static let audioStop = json(Typed<Nothing>(type: "audioStop", payload: nil))
    static let audioEnd = json(Typed<Nothing>(type: "audioEnd", payload: nil))

    private static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding these plain structs cannot fail.
        return String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self)
    }
}

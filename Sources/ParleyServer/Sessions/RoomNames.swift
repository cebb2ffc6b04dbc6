import Foundation
import Synchronization

/// Room names in the shapes the seed documents show.
enum RoomNames {
    /// Seed 000: `ws_{workspace_id}::chat_{chat_id}`, the same room for the same conversation.
    static func conversation(workspaceID: UUID, chatID: String) -> String {
        "ws_\(workspaceID.lowercasedString)::chat_\(chatID)"
    }

    /// Seed 001: `agent_{agent_id}_{user_id}_{timestamp}` with a millisecond timestamp.
    static func voiceSession(agentID: UUID, userID: String, milliseconds: Int64) -> String {
        "agent_\(agentID.lowercasedString)_\(userID)_\(milliseconds)"
    }

    /// Seed 003: `room_{agent_id with underscores}_{random suffix}`.
    static func webRTC(agentID: UUID, suffix: String) -> String {
        "room_\(agentID.lowercasedString.replacingOccurrences(of: "-", with: "_"))_\(suffix)"
    }

    /// `count` random lowercase letters and digits.
    static func randomSuffix(_ count: Int = 12) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }
}

/// Milliseconds since 1970 that never repeat within this process, so two sessions started in the
/// same millisecond by the same key still get different seed-001 room names.
final class UniqueMilliseconds: Sendable {
    private let last = Mutex<Int64>(0)

    func next(now: Date = Date()) -> Int64 {
        let wall = Int64((now.timeIntervalSince1970 * 1000).rounded(.down))
        return last.withLock { last in
            last = max(wall, last + 1)
            return last
        }
    }
}

import Foundation

/// One message in a ``Conversation``'s history: what a call resumed with the same `session_id` or
/// `chat_id` hands back to the language model as context.
public struct ConversationMessage: Sendable, Equatable {
    /// Who said it.
    public var role: TurnRole
    public var text: String
    /// When it was said. Informational only: history is read back in the order it was appended,
    /// whatever these say.
    public var at: Date

    public init(role: TurnRole, text: String, at: Date = Date()) {
        self.role = role
        self.text = text
        self.at = at
    }
}

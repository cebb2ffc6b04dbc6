/// How many expired rows ``Store/purgeExpired(now:)`` deleted.
public struct PurgeCounts: Sendable, Equatable, CustomStringConvertible {
    /// Expired conversations.
    public var conversations: Int
    /// Messages of those conversations' histories.
    public var messages: Int
    /// Expired session tokens, used or not.
    public var sessionTokens: Int

    public init(conversations: Int = 0, messages: Int = 0, sessionTokens: Int = 0) {
        self.conversations = conversations
        self.messages = messages
        self.sessionTokens = sessionTokens
    }

    /// Whether nothing was deleted.
    public var isEmpty: Bool { conversations == 0 && messages == 0 && sessionTokens == 0 }

    public var description: String {
        "\(conversations) conversations, \(messages) messages, \(sessionTokens) session tokens"
    }
}

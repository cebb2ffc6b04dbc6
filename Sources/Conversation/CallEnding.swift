/// Why a call ended.
public enum CallEnding: Sendable, Equatable {
    /// The caller hung up or disconnected.
    case callerLeft
    /// The caller stayed silent after being prompted; the agent said goodbye.
    case silence
    /// The organisation's credits ran out.
    case outOfCredits
    /// The server is shutting down.
    case shutdown
    /// An engine failed in a way the call cannot go on from.
    case failed(String)
}

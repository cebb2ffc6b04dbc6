/// What happened when a single-use session token was presented.
public enum SessionTokenUse: Sendable, Equatable {
    /// First use: the caller may join.
    case admitted
    /// The token was already used once.
    case alreadyUsed
    /// Parley never issued this token id (or it has been purged after expiry).
    case unknown
}

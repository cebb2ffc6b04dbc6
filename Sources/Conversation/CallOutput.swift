/// Where a call's events go: the transport that carries them to the caller.
public protocol CallOutput: Sendable {
    /// Sends `event`, returning once it has been handed to the connection; a slow connection
    /// slows the call's speech (back-pressure). Throws when the caller is gone.
    func send(_ event: CallEvent) async throws
}

/// The telephone side of a phone call, as the carrier named it.
public struct PhoneLine: Sendable, Equatable {
    /// The carrier's id for the call: Twilio's `CallSid`, or SIP's `Call-ID`.
    public var callID: String?
    /// The caller's number (or SIP URI).
    public var from: String?
    /// The number (or SIP URI) that was called.
    public var to: String?

    public init(callID: String?, from: String?, to: String?) {
        self.callID = callID
        self.from = from
        self.to = to
    }
}

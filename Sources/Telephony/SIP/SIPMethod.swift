/// A SIP request method; any token is representable, so an unknown method can be answered 501.
public struct SIPMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static let invite = SIPMethod(rawValue: "INVITE")
    public static let ack = SIPMethod(rawValue: "ACK")
    public static let bye = SIPMethod(rawValue: "BYE")
    public static let cancel = SIPMethod(rawValue: "CANCEL")
    public static let options = SIPMethod(rawValue: "OPTIONS")
    public static let info = SIPMethod(rawValue: "INFO")
    public static let register = SIPMethod(rawValue: "REGISTER")
    public static let update = SIPMethod(rawValue: "UPDATE")

    /// What Parley's user agent answers, for `Allow`.
    public static let allowed: [SIPMethod] = [.invite, .ack, .bye, .cancel, .options, .info]
}

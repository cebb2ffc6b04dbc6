import Foundation

/// A phone number of the organisation's that one of its agents answers (seed 000's "Agent
/// Channels"): Twilio's webhook for the workspace picks the agent by the number called.
public struct AgentChannel: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var organizationID: UUID
    /// E.164: `+` and 7 to 15 digits, the first not 0.
    public var phoneNumber: String
    public var agentID: UUID
    public var createdAt: Date

    public init(id: UUID = UUID(), organizationID: UUID, phoneNumber: String, agentID: UUID, createdAt: Date = Date()) {
        self.id = id
        self.organizationID = organizationID
        self.phoneNumber = phoneNumber
        self.agentID = agentID
        self.createdAt = createdAt
    }

    /// Whether `number` is an E.164 phone number, as Twilio writes `To` and `From`.
    public static func isPhoneNumber(_ number: String) -> Bool {
        let digits = number.dropFirst()
        return number.first == "+" && (7...15).contains(digits.count) && digits.allSatisfy(\.isASCIIDigit) && digits.first != "0"
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

import Foundation

/// Which agent answers a SIP call (seed 000's "Dispatch Rules"), by the number called, the trunk
/// the call came in on, both, or neither (a catch-all); ``route(calledNumber:trunkID:rules:)``
/// picks the rule for a call.
public struct SIPDispatchRule: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var organizationID: UUID
    public var name: String?
    /// The number (or SIP user part) the rule answers; `nil` for any number.
    public var calledNumber: String?
    /// The trunk the rule answers calls from; `nil` for any of the organisation's trunks.
    public var trunkID: UUID?
    public var agentID: UUID
    /// The agent that answers when ``agentID`` cannot take the call.
    public var fallbackAgentID: UUID?
    public var createdAt: Date

    public init(
        id: UUID = UUID(),
        organizationID: UUID,
        name: String? = nil,
        calledNumber: String? = nil,
        trunkID: UUID? = nil,
        agentID: UUID,
        fallbackAgentID: UUID? = nil,
        createdAt: Date = Date()
    ) {
        self.id = id
        self.organizationID = organizationID
        self.name = name
        self.calledNumber = calledNumber
        self.trunkID = trunkID
        self.agentID = agentID
        self.fallbackAgentID = fallbackAgentID
        self.createdAt = createdAt
    }

    /// Throws `invalidField`, named as the API names it, for a name or number out of range.
    public func validate() throws(ParleyError) {
        if let name, name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || name.count > 100 {
            throw .invalidField("name", "must be 1 to 100 characters")
        }
        if let calledNumber, !Self.isCalledNumber(calledNumber) {
            throw .invalidField("called_number", "must be a phone number or SIP user part: up to 32 digits, * or #, optionally after a +")
        }
    }

    /// Whether `text` is a number a rule can answer: an E.164 number, or the digits of a SIP user
    /// part (`*` and `#` allowed), written with or without visual separators.
    public static func isCalledNumber(_ text: String) -> Bool {
        let number = normalizedNumber(text)
        return (1...32).contains(number.count) && number.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "*" || $0 == "#") }
    }

    /// `number` without a leading `+` and without the visual separators of RFC 3966 (`-`, `.`,
    /// `(`, `)`) and spaces, as rules compare numbers.
    public static func normalizedNumber(_ number: String) -> String {
        let digits = number.hasPrefix("+") ? number.dropFirst() : Substring(number)
        return String(digits.filter { !" -.()".contains($0) })
    }
}

import Foundation

/// One line of an organisation's append-only credit ledger: a grant (positive) or a debit (negative).
public struct CreditEntry: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var organizationID: UUID
    public var amount: Int64
    public var reason: String
    public var createdAt: Date

    public init(id: UUID = UUID(), organizationID: UUID, amount: Int64, reason: String, createdAt: Date = Date()) {
        self.id = id
        self.organizationID = organizationID
        self.amount = amount
        self.reason = reason
        self.createdAt = createdAt
    }
}

import Foundation
import ParleyCore
import PostgresNIO

extension PostgresStore {
    public func appendCredits(_ entry: CreditEntry) async throws -> Int64 {
        try await transaction { connection in
            try await connection.query(
                """
                INSERT INTO credit_entries (id, organization_id, amount, reason, created_at)
                VALUES (\(entry.id), \(entry.organizationID), \(entry.amount), \(entry.reason), \(entry.createdAt))
                """,
                logger: logger
            )
            // See SQLiteStore.appendCredits: the balance is the ledger's running sum.
            let balance = try await connection.query(
                "UPDATE organizations SET credit_balance = credit_balance + \(entry.amount) WHERE id = \(entry.organizationID) RETURNING credit_balance",
                logger: logger
            ).collect().first?.decode(Int64.self)
            guard let balance else { throw ParleyError.notFound("Organization not found") }
            return balance
        }
    }

    public func creditBalance(organizationID: UUID) async throws -> Int64 {
        try await row("SELECT credit_balance FROM organizations WHERE id = \(organizationID)")?.get("credit_balance") ?? 0
    }

    public func creditEntries(organizationID: UUID, limit: Int) async throws -> [CreditEntry] {
        try await rows(
            "SELECT * FROM credit_entries WHERE organization_id = \(organizationID) ORDER BY created_at DESC, id DESC LIMIT \(limit)"
        ).map { row in
            CreditEntry(
                id: try row.get("id"),
                organizationID: try row.get("organization_id"),
                amount: try row.get("amount"),
                reason: try row.get("reason"),
                createdAt: try row.get("created_at")
            )
        }
    }
}

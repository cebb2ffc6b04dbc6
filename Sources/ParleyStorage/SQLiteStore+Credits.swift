import Foundation
import GRDB
import ParleyCore

extension SQLiteStore {
    public func appendCredits(_ entry: CreditEntry) async throws -> Int64 {
        try await pool.write { db in
            try db.run(
                "INSERT INTO credit_entries (id, organization_id, amount, reason, created_at) VALUES (?, ?, ?, ?, ?)",
                [entry.id.lowercasedString, entry.organizationID.lowercasedString, entry.amount, entry.reason, entry.createdAt.sqliteValue]
            )
            // The balance column is the ledger's running sum, kept in the same transaction so
            // session checks read one row instead of summing the ledger.
            let row = try db.row(
                "UPDATE organizations SET credit_balance = credit_balance + ? WHERE id = ? RETURNING credit_balance",
                [entry.amount, entry.organizationID.lowercasedString]
            )
            guard let row else { throw ParleyError.notFound("Organization not found") }
            return row["credit_balance"]
        }
    }

    public func creditBalance(organizationID: UUID) async throws -> Int64 {
        try await pool.read { db in
            try db.row("SELECT credit_balance FROM organizations WHERE id = ?", [organizationID.lowercasedString])?["credit_balance"] ?? 0
        }
    }

    public func creditEntries(organizationID: UUID, limit: Int) async throws -> [CreditEntry] {
        try await pool.read { db in
            try db.rows(
                "SELECT * FROM credit_entries WHERE organization_id = ? ORDER BY created_at DESC, id DESC LIMIT ?",
                [organizationID.lowercasedString, limit]
            ).map { row in
                CreditEntry(
                    id: row.uuid("id"),
                    organizationID: row.uuid("organization_id"),
                    amount: row["amount"],
                    reason: row["reason"],
                    createdAt: row.date("created_at")
                )
            }
        }
    }
}

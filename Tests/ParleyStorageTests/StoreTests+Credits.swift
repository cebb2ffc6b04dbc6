import Foundation
import ParleyCore
@testable import ParleyStorage
import Testing

extension StoreTests {
    @Test(arguments: StoreKind.available)
    func creditBalanceIsTheSumOfTheLedger(_ kind: StoreKind) async throws {
        try await kind.withOrganization { store, organization in
            let other = try await store.makeOrganization()
            let start = Date()
            let entries = [
                CreditEntry(organizationID: organization.id, amount: 100, reason: "grant", createdAt: start),
                CreditEntry(organizationID: organization.id, amount: 50, reason: "top-up", createdAt: start.addingTimeInterval(1)),
                CreditEntry(organizationID: organization.id, amount: -30, reason: "call minutes", createdAt: start.addingTimeInterval(2)),
            ]
            var balances: [Int64] = []
            for entry in entries { balances.append(try await store.appendCredits(entry)) }
            #expect(balances == [100, 150, 120])
            #expect(try await store.creditBalance(organizationID: organization.id) == 120)
            #expect(try await store.creditBalance(organizationID: other.id) == 0)

            let newest = try await store.creditEntries(organizationID: organization.id, limit: 2)
            #expect(newest.map(\.id) == [entries[2].id, entries[1].id])
            let all = try await store.creditEntries(organizationID: organization.id, limit: 10)
            #expect(all.map(\.id) == entries.reversed().map(\.id))
            for (stored, entry) in zip(all, entries.reversed()) {
                #expect(stored.organizationID == organization.id)
                #expect(stored.amount == entry.amount)
                #expect(stored.reason == entry.reason)
                expectSameInstant(stored.createdAt, entry.createdAt)
            }
            #expect(try await store.creditEntries(organizationID: other.id, limit: 10).isEmpty)
        }
    }

    /// The database itself refuses to change or remove a ledger line, whatever code asks it to.
    @Test(arguments: StoreKind.available)
    func theLedgerIsAppendOnly(_ kind: StoreKind) async throws {
        try await kind.withOrganization { store, organization in
            let entry = CreditEntry(organizationID: organization.id, amount: 10, reason: "grant")
            _ = try await store.appendCredits(entry)

            await #expect(throws: (any Error).self) { try await rawWrite(.updateLedgerLine(entry.id), on: store) }
            await #expect(throws: (any Error).self) { try await rawWrite(.deleteLedgerLine(entry.id), on: store) }
            // The same raw path does write elsewhere: the refusals above come from the ledger's guard.
            try await rawWrite(.renameOrganization(organization.id, "renamed-\(organization.name)"), on: store)
            #expect(try await store.organization(id: organization.id)?.name == "renamed-\(organization.name)")
            let stored = try await store.creditEntries(organizationID: organization.id, limit: 10)
            #expect(stored.map(\.amount) == [10])
        }
    }
}

private enum RawWrite {
    case updateLedgerLine(UUID)
    case deleteLedgerLine(UUID)
    case renameOrganization(UUID, String)
}

/// Writes with raw SQL on the store's own connections, going around its API.
private func rawWrite(_ write: RawWrite, on store: any Store) async throws {
    switch (store, write) {
    case (let sqlite as SQLiteStore, .updateLedgerLine(let id)):
        try await sqlite.pool.write { try $0.run("UPDATE credit_entries SET amount = 1000 WHERE id = ?", [id.lowercasedString]) }
    case (let sqlite as SQLiteStore, .deleteLedgerLine(let id)):
        try await sqlite.pool.write { try $0.run("DELETE FROM credit_entries WHERE id = ?", [id.lowercasedString]) }
    case (let sqlite as SQLiteStore, .renameOrganization(let id, let name)):
        try await sqlite.pool.write { try $0.run("UPDATE organizations SET name = ? WHERE id = ?", [name, id.lowercasedString]) }
    case (let postgres as PostgresStore, .updateLedgerLine(let id)):
        _ = try await postgres.rows("UPDATE credit_entries SET amount = 1000 WHERE id = \(id) RETURNING id")
    case (let postgres as PostgresStore, .deleteLedgerLine(let id)):
        _ = try await postgres.rows("DELETE FROM credit_entries WHERE id = \(id) RETURNING id")
    case (let postgres as PostgresStore, .renameOrganization(let id, let name)):
        _ = try await postgres.rows("UPDATE organizations SET name = \(name) WHERE id = \(id) RETURNING id")
    default:
        Issue.record("unknown store \(type(of: store))")
    }
}

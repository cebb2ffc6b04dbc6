import Foundation
import ParleyCore
import ParleyStorage
import Testing

/// The one suite both stores must pass; its tests are spread over the `StoreTests+*.swift` files.
@Suite struct StoreTests {
    @Test(arguments: StoreKind.available)
    func migrationsAreAppliedOnceAndAreIdempotent(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            #expect(try await store.appliedMigrations() == [1, 2, 3, 4])
            try await store.migrate()
            #expect(try await store.appliedMigrations() == [1, 2, 3, 4])
            // The schema still works after the second run.
            _ = try await store.makeOrganization()
        }
    }

    @Test(arguments: StoreKind.available)
    func kindNamesTheStore(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            #expect(store.kind == kind.testDescription)
        }
    }
}

import Foundation
import ParleyCore
import Testing

extension StoreTests {
    @Test(arguments: StoreKind.available)
    func apiKeysAreFoundByLookupIDAndListedPerOrganization(_ kind: StoreKind) async throws {
        try await kind.withOrganization { store, organization in
            let other = try await store.makeOrganization()
            let now = Date()
            let (first, secret) = APIKey.issue(organizationID: organization.id, label: "ci", now: now)
            let (second, _) = APIKey.issue(organizationID: organization.id, label: "dashboard", now: now.addingTimeInterval(1))
            try await store.insertAPIKey(second)
            try await store.insertAPIKey(first)

            let found = try #require(try await store.apiKey(lookupID: secret.lookupID))
            #expect(found.id == first.id)
            #expect(found.organizationID == organization.id)
            #expect(found.label == "ci")
            #expect(found.lookupID == first.lookupID)
            #expect(found.secretHash == first.secretHash)
            #expect(found.revokedAt == nil)
            expectSameInstant(found.createdAt, now)
            #expect(secret.matches(found))

            #expect(try await store.apiKey(lookupID: "nosuchlookup") == nil)
            #expect(try await store.apiKeys(organizationID: organization.id).map(\.id) == [first.id, second.id])
            #expect(try await store.apiKeys(organizationID: other.id).isEmpty)
        }
    }

    @Test(arguments: StoreKind.available)
    func revokingKeepsTheFirstTimeAndStaysInTheOrganization(_ kind: StoreKind) async throws {
        try await kind.withOrganization { store, organization in
            let other = try await store.makeOrganization()
            let (key, _) = APIKey.issue(organizationID: organization.id, label: "ci")
            try await store.insertAPIKey(key)

            #expect(try await store.revokeAPIKey(id: key.id, organizationID: other.id, at: Date()) == false)
            #expect(try await store.apiKey(lookupID: key.lookupID)?.revokedAt == nil)
            #expect(try await store.revokeAPIKey(id: UUID(), organizationID: organization.id, at: Date()) == false)

            let revokedAt = Date().addingTimeInterval(-60)
            #expect(try await store.revokeAPIKey(id: key.id, organizationID: organization.id, at: revokedAt))
            #expect(try await store.revokeAPIKey(id: key.id, organizationID: organization.id, at: Date()))
            let stored = try #require(try await store.apiKey(lookupID: key.lookupID))
            #expect(stored.isRevoked)
            expectSameInstant(stored.revokedAt, revokedAt)
            expectSameInstant(try await store.apiKeys(organizationID: organization.id).first?.revokedAt, revokedAt)
        }
    }
}

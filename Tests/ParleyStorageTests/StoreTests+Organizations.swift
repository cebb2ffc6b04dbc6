import Foundation
import ParleyCore
import Testing

extension StoreTests {
    @Test(arguments: StoreKind.available)
    func organizationIsCreatedOnceByName(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let name = "test-org-\(UUID().lowercasedString)"
            #expect(try await store.organization(named: name, createIfMissing: false) == nil)

            let created = try #require(try await store.organization(named: name, createIfMissing: true))
            #expect(created.name == name)
            let again = try #require(try await store.organization(named: name, createIfMissing: true))
            #expect(again.id == created.id)
            let found = try #require(try await store.organization(named: name, createIfMissing: false))
            #expect(found.id == created.id)

            let byID = try #require(try await store.organization(id: created.id))
            #expect(byID.name == name)
            expectSameInstant(byID.createdAt, created.createdAt)
            #expect(try await store.organization(id: UUID()) == nil)
        }
    }

    @Test(arguments: StoreKind.available)
    func concurrentCreatesOfOneNameAgree(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let name = "test-org-\(UUID().lowercasedString)"
            let ids = try await withThrowingTaskGroup(of: UUID?.self) { group in
                for _ in 0..<5 {
                    group.addTask { try await store.organization(named: name, createIfMissing: true)?.id }
                }
                return try await group.reduce(into: Set<UUID?>()) { $0.insert($1) }
            }
            #expect(ids.count == 1)
            #expect(!ids.contains(nil))
        }
    }

    @Test(arguments: StoreKind.available)
    func anOrganizationsTwilioTokenIsKeptAndRemoved(_ kind: StoreKind) async throws {
        try await kind.withOrganization { store, organization in
            let other = try await store.makeOrganization()
            #expect(try await store.twilioAuthToken(organizationID: organization.id) == nil)
            try await store.setTwilioAuthToken("0123456789abcdef0123456789abcdef", organizationID: organization.id)
            #expect(try await store.twilioAuthToken(organizationID: organization.id) == "0123456789abcdef0123456789abcdef")
            #expect(try await store.twilioAuthToken(organizationID: other.id) == nil)
            try await store.setTwilioAuthToken(nil, organizationID: organization.id)
            #expect(try await store.twilioAuthToken(organizationID: organization.id) == nil)
        }
    }
}

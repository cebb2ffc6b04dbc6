import Foundation
import ParleyCore
import Testing

extension StoreTests {
    @Test(arguments: StoreKind.available)
    func aSessionTokenAdmitsOnce(_ kind: StoreKind) async throws {
        try await kind.withOrganization { store, organization in
            let id = "jti-\(UUID().lowercasedString)"
            try await store.recordSessionToken(id: id, organizationID: organization.id, expiresAt: Date().addingTimeInterval(3600))

            #expect(try await store.consumeSessionToken(id: id, at: Date()) == .admitted)
            #expect(try await store.consumeSessionToken(id: id, at: Date()) == .alreadyUsed)
            #expect(try await store.consumeSessionToken(id: "jti-\(UUID().lowercasedString)", at: Date()) == .unknown)
        }
    }

    @Test(arguments: StoreKind.available)
    func concurrentConsumersAdmitExactlyOne(_ kind: StoreKind) async throws {
        try await kind.withOrganization { store, organization in
            let id = "jti-\(UUID().lowercasedString)"
            try await store.recordSessionToken(id: id, organizationID: organization.id, expiresAt: Date().addingTimeInterval(3600))

            let uses = try await withThrowingTaskGroup(of: SessionTokenUse.self) { group in
                for _ in 0..<10 {
                    group.addTask { try await store.consumeSessionToken(id: id, at: Date()) }
                }
                return try await group.reduce(into: [SessionTokenUse]()) { $0.append($1) }
            }
            #expect(uses.count == 10)
            #expect(uses.filter { $0 == .admitted }.count == 1)
            #expect(uses.filter { $0 == .alreadyUsed }.count == 9)
        }
    }
}

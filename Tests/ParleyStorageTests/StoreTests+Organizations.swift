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

    @Test(arguments: StoreKind.available)
    func eachNumberOfAnOrganizationHasOneAgent(_ kind: StoreKind) async throws {
        try await kind.withOrganization { store, organization in
            let other = try await store.makeOrganization()
            let sales = AgentChannel(organizationID: organization.id, phoneNumber: "+15550001111", agentID: UUID(), createdAt: Date(timeIntervalSince1970: 1_800_000_000))
            let support = AgentChannel(organizationID: organization.id, phoneNumber: "+15550002222", agentID: UUID(), createdAt: Date(timeIntervalSince1970: 1_800_000_060))
            try await store.insertAgentChannel(sales)
            try await store.insertAgentChannel(support)
            await #expect(throws: ParleyError.self, "a number answered twice") {
                try await store.insertAgentChannel(AgentChannel(organizationID: organization.id, phoneNumber: "+15550001111", agentID: UUID()))
            }
            // Another organisation may map the same number (its own webhook URL tells them apart).
            try await store.insertAgentChannel(AgentChannel(organizationID: other.id, phoneNumber: "+15550001111", agentID: UUID()))

            #expect(try await store.agentChannels(organizationID: organization.id).map(\.id) == [sales.id, support.id])
            #expect(try await store.agentChannel(phoneNumber: "+15550002222", organizationID: organization.id)?.agentID == support.agentID)
            #expect(try await store.agentChannel(phoneNumber: "+15550002222", organizationID: other.id) == nil)
            #expect(try await store.deleteAgentChannel(id: sales.id, organizationID: other.id) == false)
            #expect(try await store.deleteAgentChannel(id: sales.id, organizationID: organization.id))
            #expect(try await store.agentChannel(phoneNumber: "+15550001111", organizationID: organization.id) == nil)
        }
    }
}

import Foundation
import ParleyCore
import Testing

extension StoreTests {
    /// A random /64 of the documentation prefix 3fff::/20 (other tests use 2001:db8::/32), so that
    /// tests sharing a PostgreSQL database never match each other's trunks.
    static func uniqueIPv6Network() -> String {
        let hex = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        return "3fff:0\(hex.prefix(3)):\(hex.dropFirst(3).prefix(4)):\(hex.dropFirst(7).prefix(4))"
    }

    @Test(arguments: StoreKind.available)
    func sipTrunksRoundTripEveryField(_ kind: StoreKind) async throws {
        try await kind.withOrganization { store, organization in
            let full = SIPTrunk(
                organizationID: organization.id, name: "Twilio", provider: "twilio", outboundNumber: "+15550001111",
                host: "example.pstn.twilio.com", port: 5061, username: "parley", password: "s3cret",
                allowedAddresses: ["54.172.60.0/30", "2001:db8::/32"], createdAt: Date(timeIntervalSince1970: 1_800_000_000)
            )
            let sparse = SIPTrunk(organizationID: organization.id, name: "PBX", allowedAddresses: ["192.0.2.7"], createdAt: Date(timeIntervalSince1970: 1_800_000_060))
            try await store.insertSIPTrunk(sparse)
            try await store.insertSIPTrunk(full)

            for trunk in [full, sparse] {
                expectSameRecord(try await store.sipTrunk(id: trunk.id, organizationID: organization.id), trunk, createdAt: \.createdAt)
            }
            #expect(try await store.sipTrunks(organizationID: organization.id).map(\.id) == [full.id, sparse.id], "oldest first")
        }
    }

    @Test(arguments: StoreKind.available)
    func anotherOrganizationCannotSeeOrDeleteATrunk(_ kind: StoreKind) async throws {
        try await kind.withOrganization { store, organization in
            let other = try await store.makeOrganization()
            let trunk = SIPTrunk(organizationID: organization.id, name: "Mine", host: "pbx.example.com")
            try await store.insertSIPTrunk(trunk)

            #expect(try await store.sipTrunk(id: trunk.id, organizationID: other.id) == nil)
            #expect(try await store.sipTrunks(organizationID: other.id).isEmpty)
            #expect(try await store.deleteSIPTrunk(id: trunk.id, organizationID: other.id) == false)
            #expect(try await store.sipTrunk(id: trunk.id, organizationID: organization.id) != nil)

            #expect(try await store.deleteSIPTrunk(id: trunk.id, organizationID: organization.id))
            #expect(try await store.sipTrunk(id: trunk.id, organizationID: organization.id) == nil)
            #expect(try await store.deleteSIPTrunk(id: trunk.id, organizationID: organization.id) == false)
        }
    }

    @Test(arguments: StoreKind.available)
    func trunksAreFoundByTheAddressACallCameFrom(_ kind: StoreKind) async throws {
        try await kind.withOrganization { store, organization in
            let other = try await store.makeOrganization()
            let network = Self.uniqueIPv6Network()
            let start = Date()
            let wide = SIPTrunk(organizationID: organization.id, name: "Wide", allowedAddresses: ["\(network)::/64"], createdAt: start)
            let narrow = SIPTrunk(
                organizationID: other.id, name: "Narrow", allowedAddresses: ["192.0.2.1", "\(network)::5"], createdAt: start.addingTimeInterval(1)
            )
            let outboundOnly = SIPTrunk(organizationID: organization.id, name: "Out", host: "pbx.example.com", createdAt: start.addingTimeInterval(2))
            for trunk in [narrow, outboundOnly, wide] { try await store.insertSIPTrunk(trunk) }

            #expect(try await store.sipTrunks(allowing: "\(network)::5").map(\.id) == [wide.id, narrow.id], "across organisations, oldest first")
            #expect(try await store.sipTrunks(allowing: "\(network)::6").map(\.id) == [wide.id])
            #expect(try await store.sipTrunks(allowing: "\(network):1::5").map(\.id) == [wide.id])
            #expect(try await store.sipTrunks(allowing: "\(Self.uniqueIPv6Network())::5").isEmpty)
            #expect(try await store.sipTrunks(allowing: "not an address").isEmpty)

            #expect(try await store.deleteSIPTrunk(id: wide.id, organizationID: organization.id))
            #expect(try await store.sipTrunks(allowing: "\(network)::5").map(\.id) == [narrow.id])
        }
    }
}

/// `stored` is `expected`, its creation time compared to the millisecond (``expectSameInstant``).
func expectSameRecord<T: Equatable>(
    _ stored: T?, _ expected: T, createdAt: WritableKeyPath<T, Date>, sourceLocation: SourceLocation = #_sourceLocation
) {
    guard var stored else {
        Issue.record("nothing stored for \(expected)", sourceLocation: sourceLocation)
        return
    }
    expectSameInstant(stored[keyPath: createdAt], expected[keyPath: createdAt], sourceLocation: sourceLocation)
    stored[keyPath: createdAt] = expected[keyPath: createdAt]
    #expect(stored == expected, sourceLocation: sourceLocation)
}

import Foundation
import ParleyCore
import Testing

extension StoreTests {
    /// Seven calls, newest first, two pairs sharing a start time; sub-millisecond starts as `Date()` makes them.
    private static func insertCalls(into store: any Store, organizationID: UUID) async throws -> [Call] {
        let start = Date(timeIntervalSince1970: 1_760_000_000.123_456_7)
        let offsets: [Double] = [0, 10.000_4, 10.000_4, 20.000_7, 30.000_2, 30.000_2, 40.000_9]
        var calls = offsets.map { Call(organizationID: organizationID, agentID: UUID(), transport: .websocket, startedAt: start.addingTimeInterval($0)) }
        for call in calls.shuffled() { try await store.insertCall(call) }
        // Newest first; calls starting together come by descending id.
        calls.sort { ($0.startedAt, $0.id.lowercasedString) > ($1.startedAt, $1.id.lowercasedString) }
        return calls
    }

    @Test(arguments: StoreKind.available)
    func callsArePagedNewestFirst(_ kind: StoreKind) async throws {
        try await kind.withOrganization { store, organization in
            let calls = try await Self.insertCalls(into: store, organizationID: organization.id)
            let other = try await store.makeOrganization()
            try await store.insertCall(Call(organizationID: other.id, agentID: UUID(), transport: .sip))

            var seen: [UUID] = []
            var cursor: CallCursor?
            var pages = 0
            repeat {
                let page = try await store.calls(organizationID: organization.id, limit: 2, after: cursor)
                #expect(page.calls.count <= 2)
                seen += page.calls.map(\.id)
                cursor = page.next
                pages += 1
            } while cursor != nil && pages < 10
            #expect(seen == calls.map(\.id))
            #expect(pages == 4)

            let all = try await store.calls(organizationID: organization.id, limit: 7, after: nil)
            #expect(all.calls.map(\.id) == calls.map(\.id))
            #expect(all.next == nil)
            for (stored, call) in zip(all.calls, calls) { expectSameInstant(stored.startedAt, call.startedAt) }
        }
    }

    /// The API hands cursors to clients as ``CallCursor/token`` strings; paging through those must
    /// neither repeat nor skip a call.
    @Test(arguments: StoreKind.available)
    func callsArePagedThroughCursorTokens(_ kind: StoreKind) async throws {
        try await kind.withOrganization { store, organization in
            let calls = try await Self.insertCalls(into: store, organizationID: organization.id)

            var seen: [UUID] = []
            var token: String?
            var pages = 0
            repeat {
                let cursor = try token.map { try #require(CallCursor(token: $0)) }
                let page = try await store.calls(organizationID: organization.id, limit: 2, after: cursor)
                seen += page.calls.map(\.id)
                token = page.next?.token
                pages += 1
            } while token != nil && pages < 10
            #expect(seen == calls.map(\.id))
        }
    }
}

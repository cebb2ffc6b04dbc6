import Foundation
import ParleyCore
import Testing

@Suite struct CallCursorTests {
    @Test func theTokenRoundTripsToTheMillisecond() throws {
        let cursor = CallCursor(startedAt: Date(timeIntervalSince1970: 1_705_312_800.123), id: UUID())
        let parsed = try #require(CallCursor(token: cursor.token))
        #expect(parsed.id == cursor.id)
        #expect(abs(parsed.startedAt.timeIntervalSince(cursor.startedAt)) < 0.001)
    }

    @Test(arguments: ["", "abc", "123", "123~not-a-uuid", "x~" + UUID().uuidString])
    func garbageIsNoCursor(_ token: String) {
        #expect(CallCursor(token: token) == nil)
    }

    @Test func durationIsKnownOnlyOnceEnded() {
        var call = Call(organizationID: UUID(), agentID: UUID(), transport: .websocket, startedAt: Date(timeIntervalSince1970: 100))
        #expect(call.durationSeconds == nil)
        call.endedAt = Date(timeIntervalSince1970: 190)
        #expect(call.durationSeconds == 90)
    }
}

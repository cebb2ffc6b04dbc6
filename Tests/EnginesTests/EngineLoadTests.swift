import Engines
import Testing

@Suite struct EngineLoadTests {
    struct Failure: Error {}

    @Test func countsCallsWhileTheyLastEvenWhenTheyFail() async throws {
        let load = EngineLoad()
        try await load.track {
            #expect(load.calls == 1)
            await load.track { #expect(load.calls == 2) }
            #expect(load.calls == 1)
        }
        await #expect(throws: Failure.self) { try await load.track { throw Failure() } }
        #expect(load.calls == 0)
    }
}

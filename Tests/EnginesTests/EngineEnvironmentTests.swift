import Engines
import Foundation
import Testing

@Suite struct EngineEnvironmentTests {
    /// ggml would otherwise set it with setenv while other threads read the environment, which
    /// crashed the test process; linking Engines sets it before any thread starts.
    @Test func ggmlFindsItsEnvironmentAlreadySet() {
        #expect(ProcessInfo.processInfo.environment["KMP_BLOCKTIME"] != nil)
    }
}

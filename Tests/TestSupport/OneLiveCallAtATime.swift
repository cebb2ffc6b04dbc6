import Testing

/// A suite trait: each of the suite's tests runs only while no other such test runs
/// (``LiveCallGate``), whichever suite it is in.
public struct OneLiveCallAtATime: SuiteTrait, TestTrait, TestScoping {
    public var isRecursive: Bool { true }

    public func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        // The suite itself is passed through: holding the gate for it would lock its own tests out.
        guard testCase != nil else { return try await function() }
        try await LiveCallGate.shared.holding(function)
    }
}

extension Trait where Self == OneLiveCallAtATime {
    /// Tests that place live calls against the local engines run one at a time.
    public static var oneLiveCallAtATime: Self { OneLiveCallAtATime() }
}

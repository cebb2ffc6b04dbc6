import Synchronization

/// How many calls are using this process's engines right now, so an engine can size its jobs to
/// the company it will have.
///
/// Why: ggml's and onnxruntime's worker threads spin while they wait for one another. When two
/// engines' threads outnumber the cores, each waits out the other's time slices at every step;
/// with four calls on two cores, single turns took 30 times as long (BENCHMARKS.md, "Several
/// calls at once"). A job cannot know at its start what will start beside it, so the number of
/// calls, not of running jobs, is the signal.
public final class EngineLoad: Sendable {
    private let count = Atomic<Int>(0)

    public init() {}

    /// Calls in progress.
    public var calls: Int { count.load(ordering: .relaxed) }

    /// Runs `body`, one call, counted while it lasts.
    public func track<Result>(_ body: () async throws -> Result) async rethrows -> Result {
        count.add(1, ordering: .relaxed)
        defer { count.subtract(1, ordering: .relaxed) }
        return try await body()
    }
}

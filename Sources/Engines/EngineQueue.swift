import Dispatch

/// A thread of its own for a C engine's blocking work, so that work never occupies Swift's
/// cooperative pool. Jobs run one at a time, in the order they were submitted.
struct EngineQueue: Sendable {
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label)
    }

    /// Runs `work` on the queue. Cancelling the calling task sets the flag `work` is given, which
    /// the engine checks (or its abort hook reads) to stop early; a job cancelled before it
    /// started does not run.
    func run<Result: Sendable>(_ work: @escaping @Sendable (CancellationFlag) throws -> Result) async throws -> Result {
        let cancelled = CancellationFlag()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Result, any Error>) in
                queue.async {
                    continuation.resume(with: Swift.Result {
                        guard !cancelled.isSet else { throw CancellationError() }
                        let result = try work(cancelled)
                        guard !cancelled.isSet else { throw CancellationError() }
                        return result
                    })
                }
            }
        } onCancel: {
            cancelled.set()
        }
    }
}

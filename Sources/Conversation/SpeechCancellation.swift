import Synchronization

/// Stops one piece of a call's work from the outside (a reply and the synthesis behind it, or an
/// early transcription), without unstructured tasks: ``run(_:)`` races the work against
/// ``cancel()`` in a task group.
final class SpeechCancellation: Sendable {
    private enum State {
        case running(CheckedContinuation<Void, Never>?)
        case cancelled
    }

    private let state = Mutex(State.running(nil))

    /// Cancels the work inside ``run(_:)``; safe to call at any time, any number of times.
    func cancel() {
        let waiter: CheckedContinuation<Void, Never>? = state.withLock { state in
            guard case .running(let waiter) = state else { return nil }
            state = .cancelled
            return waiter
        }
        waiter?.resume()
    }

    /// Runs `work` until it finishes or ``cancel()`` is called, whichever comes first; cancelling
    /// cancels the task running `work`, which the engines honour.
    func run(_ work: @escaping @Sendable () async -> Void) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await work() }
            group.addTask { await self.cancelled() }
            await group.next()
            group.cancelAll()
        }
    }

    private func cancelled() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let alreadyCancelled = state.withLock { state in
                    guard case .running = state else { return true }
                    state = .running(continuation)
                    return false
                }
                if alreadyCancelled { continuation.resume() }
            }
        } onCancel: {
            cancel()
        }
    }
}

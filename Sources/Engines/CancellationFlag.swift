import Synchronization

/// A flag set once, from any thread: how a Swift task's cancellation reaches a C engine's abort hook.
final class CancellationFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    func set() { flag.store(true, ordering: .relaxed) }
    var isSet: Bool { flag.load(ordering: .relaxed) }
}

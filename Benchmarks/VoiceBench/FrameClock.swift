import Foundation
import Synchronization

/// One clock for every SIP load caller: every 20 ms it has each caller send its next frame, so the
/// load costs one timer rather than one per caller (a timer per caller took the client most of
/// a core at 200 sessions, beside the server it measures).
final class FrameClock: Sendable {
    private struct Speaker: Sendable {
        /// Frame 0 is due one frame after this.
        let origin: ContinuousClock.Instant
        let end: ContinuousClock.Instant
        let frame: @Sendable (_ index: Int, _ due: ContinuousClock.Instant) async throws -> Void
        let done: CheckedContinuation<Void, any Error>
    }

    static let interval = Duration.milliseconds(20)
    private let speakers = Mutex<[UUID: Speaker]>([:])

    /// Calls `frame` with each frame's index and due time, from now until `end`.
    func speak(until end: ContinuousClock.Instant, frame: @escaping @Sendable (_ index: Int, _ due: ContinuousClock.Instant) async throws -> Void) async throws {
        try await withCheckedThrowingContinuation { done in
            let speaker = Speaker(origin: .now, end: end, frame: frame, done: done)
            speakers.withLock { $0[UUID()] = speaker }
        }
    }

    /// Ticks until `stop`, then lets every speaker still registered go.
    func run(until stop: ContinuousClock.Instant) async {
        var due = ContinuousClock.now + Self.interval
        while due <= stop {
            try? await Task.sleep(until: due, clock: .continuous)
            for (id, speaker) in speakers.withLock({ $0 }) {
                let index = Int((due - speaker.origin) / Self.interval) - 1
                guard due <= speaker.end else {
                    finish(id)?.done.resume()
                    continue
                }
                guard index >= 0 else { continue }
                do {
                    try await speaker.frame(index, due)
                } catch {
                    finish(id)?.done.resume(throwing: error)
                }
            }
            due += Self.interval
        }
        for id in speakers.withLock({ Array($0.keys) }) { finish(id)?.done.resume() }
    }

    private func finish(_ id: UUID) -> Speaker? {
        speakers.withLock { $0.removeValue(forKey: id) }
    }
}

import Foundation
import Synchronization

/// The calls this node placed, for `GET /sip/call`: in memory (a node follows only the calls it
/// placed), the finished ones kept for a while so their outcome can still be read.
final class PlacedCalls: Sendable {
    private let calls = Mutex<[UUID: PlacedCall]>([:])

    /// Finished calls beyond this many are forgotten, oldest first.
    static let keptFinished = 1_000

    func add(_ call: PlacedCall) {
        calls.withLock { $0[call.id] = call }
    }

    func update(_ id: UUID, _ change: (inout PlacedCall) -> Void) {
        calls.withLock { calls in
            guard var call = calls[id] else { return }
            change(&call)
            calls[id] = call
            let finished = calls.values.filter { $0.endedAt != nil }
            if finished.count > Self.keptFinished {
                for old in finished.sorted(by: { $0.createdAt < $1.createdAt }).prefix(finished.count - Self.keptFinished) {
                    calls[old.id] = nil
                }
            }
        }
    }

    func call(id: UUID, organizationID: UUID) -> PlacedCall? {
        calls.withLock { $0[id] }.flatMap { $0.organizationID == organizationID ? $0 : nil }
    }

    /// The organisation's calls, newest first.
    func calls(organizationID: UUID) -> [PlacedCall] {
        calls.withLock { Array($0.values) }.filter { $0.organizationID == organizationID }.sorted { $0.createdAt > $1.createdAt }
    }
}

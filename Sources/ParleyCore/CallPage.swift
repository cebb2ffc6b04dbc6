import Foundation

/// A page of calls, newest first, and where the next page starts.
public struct CallPage: Sendable, Equatable {
    public var calls: [Call]
    /// Pass back as ``CallCursor`` to get the following (older) page; `nil` on the last page.
    public var next: CallCursor?

    public init(calls: [Call], next: CallCursor?) {
        self.calls = calls
        self.next = next
    }
}

/// A position in the newest-first list of calls: the last call of the previous page.
public struct CallCursor: Sendable, Equatable {
    public var startedAt: Date
    public var id: UUID

    public init(startedAt: Date, id: UUID) {
        self.startedAt = startedAt
        self.id = id
    }

    /// The opaque string form handed to clients: the start time, `~`, the call id.
    ///
    /// The time is `Date`'s own seconds since 2001, written exactly (Swift prints the shortest
    /// decimal that reads back as the same `Double`), so the stores compare against the very instant
    /// they returned; any rounding would repeat or skip calls at a page boundary.
    public var token: String { "\(startedAt.timeIntervalSinceReferenceDate)~\(id.lowercasedString)" }

    public init?(token: String) {
        let parts = token.split(separator: "~")
        guard parts.count == 2, let seconds = Double(parts[0]), seconds.isFinite, let id = UUID(uuidString: String(parts[1])) else { return nil }
        self.init(startedAt: Date(timeIntervalSinceReferenceDate: seconds), id: id)
    }
}

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

    /// The opaque string form handed to clients: milliseconds since 1970, `~`, the call id.
    public var token: String { "\(Int64((startedAt.timeIntervalSince1970 * 1000).rounded()))~\(id.lowercasedString)" }

    public init?(token: String) {
        let parts = token.split(separator: "~")
        guard parts.count == 2, let millis = Int64(parts[0]), let id = UUID(uuidString: String(parts[1])) else { return nil }
        self.init(startedAt: Date(timeIntervalSince1970: Double(millis) / 1000), id: id)
    }
}

import Foundation
import Hummingbird
import ParleyCore

extension ParleyRequestContext {
    /// What `find` answers for the route's `{id}` in the caller's organisation; throws `notFound`
    /// when `{id}` is not a UUID or `find` answers `nil` (another organisation's id included).
    func owned<T>(orElse notFound: ParleyError, _ find: (_ id: UUID, _ organizationID: UUID) async throws -> T?) async throws -> T {
        let caller = try requireCaller()
        guard let id = parameters.get("id", as: UUID.self), let found = try await find(id, caller.organizationID) else { throw notFound }
        return found
    }

    /// Deletes the route's `{id}` in the caller's organisation with `delete`: 204, or `notFound`
    /// when `delete` finds nothing to delete.
    func deleteOwned(orElse notFound: ParleyError, _ delete: (_ id: UUID, _ organizationID: UUID) async throws -> Bool) async throws -> HTTPResponse.Status {
        _ = try await owned(orElse: notFound) { id, organizationID in try await delete(id, organizationID) ? true : nil }
        return .noContent
    }
}

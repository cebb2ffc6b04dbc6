import Foundation
import ParleyCore

extension Caller {
    /// Refuses a body's `workspace_id` that is not the caller's organisation (seed 000 names the
    /// workspace in SIP requests; an API key only ever reaches its own). Absent is the caller's.
    func requireWorkspace(_ workspaceID: String?) throws {
        guard let workspaceID else { return }
        guard UUID(uuidString: workspaceID) == organizationID else { throw ParleyError.notFound("Workspace not found") }
    }
}

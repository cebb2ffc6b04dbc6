import Hummingbird
import ParleyCore

extension Request {
    /// The `limit` query parameter: `fallback` when absent, 1…100 when present.
    func limitParameter(default fallback: Int) throws -> Int {
        guard let raw = uri.queryParameters["limit"] else { return fallback }
        guard let limit = Int(String(raw)), (1...100).contains(limit) else {
            throw ParleyError.invalidField("limit", "must be an integer between 1 and 100")
        }
        return limit
    }
}

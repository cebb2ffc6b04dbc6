import HTTPTypes
import Hummingbird
import Foundation
import ParleyCore

/// Authenticates `X-API-Key` and applies the per-key request rate limit.
struct APIKeyMiddleware: RouterMiddleware {
    typealias Context = ParleyRequestContext
    static let header = HTTPField.Name("X-API-Key")!

    let authenticator: APIKeyAuthenticator
    let limiter: RateLimiter

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let caller = try await authenticator.authenticate(request.headers[Self.header])
        try limiter.enforce(caller.apiKeyID)
        var context = context
        context.caller = caller
        context.logger[metadataKey: "org_id"] = "\(caller.organizationID)"
        return try await next(request, context)
    }
}

extension RateLimiter {
    /// Takes a token for `key` or throws 429 with the wait in whole seconds.
    func enforce(_ key: UUID) throws {
        if case .limited(let retryAfter) = take(key) {
            throw ParleyError.rateLimited(retryAfter: max(1, Int(retryAfter.rounded(.up))))
        }
    }
}

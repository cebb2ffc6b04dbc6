import Foundation
import ParleyCore
import Hummingbird

/// The per-request context: Hummingbird's core storage plus who is calling.
public struct ParleyRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by ``APIKeyMiddleware`` on authenticated routes.
    public var caller: Caller?

    public init(source: Source) {
        coreContext = .init(source: source)
    }

    public var responseEncoder: JSONEncoder { JSONCoding.encoder }

    /// The authenticated caller; only `nil` on routes without ``APIKeyMiddleware``, a programming error.
    func requireCaller() throws -> Caller {
        guard let caller else { throw ParleyError.invalidAPIKey }
        return caller
    }
}

/// The organisation and key behind an authenticated request.
public struct Caller: Sendable, Equatable {
    public var organizationID: UUID
    public var apiKeyID: UUID
}

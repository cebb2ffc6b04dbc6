import Foundation
import LiveKit
import ParleyCore

/// Admits a participant token where Parley itself accepts joins: the signature and validity
/// window must hold, and a single-use token (seed 003's, which carry a `jti`) is admitted once.
public struct SessionTokenGate: Sendable {
    let authority: TokenAuthority
    let store: any Store

    public init(authority: TokenAuthority, store: any Store) {
        self.authority = authority
        self.store = store
    }

    /// The token's claims; throws 401 when it is invalid, expired or already used.
    public func admit(_ token: String, now: Date = Date()) async throws -> AccessTokenClaims {
        let claims: AccessTokenClaims
        do {
            claims = try authority.verify(token, now: now)
        } catch {
            throw ParleyError.invalidSessionToken
        }
        if let tokenID = claims.jti {
            switch try await store.consumeSessionToken(id: tokenID, at: now) {
            case .admitted: break
            case .alreadyUsed: throw ParleyError.sessionTokenUsed
            case .unknown: throw ParleyError.invalidSessionToken
            }
        }
        return claims
    }
}

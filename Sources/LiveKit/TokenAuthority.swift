import Foundation

/// Issues and checks LiveKit access tokens with one set of credentials.
public struct TokenAuthority: Sendable {
    public let credentials: LiveKitCredentials
    /// How long participant tokens stay valid (LiveKit's and the seeds' default: one hour).
    public let lifetime: Duration
    /// Clock skew tolerated when checking `nbf` and `exp`.
    public let leeway: Duration

    public init(credentials: LiveKitCredentials, lifetime: Duration = .seconds(3600), leeway: Duration = .seconds(10)) {
        self.credentials = credentials
        self.lifetime = lifetime
        self.leeway = leeway
    }

    /// A signed participant token valid from `now` for ``lifetime``.
    public func participantToken(
        identity: String,
        name: String?,
        metadata: String?,
        grant: VideoGrant,
        roomConfig: RoomConfiguration?,
        tokenID: String? = nil,
        now: Date = Date()
    ) throws -> (token: String, claims: AccessTokenClaims) {
        let issuedAt = Int64(now.timeIntervalSince1970)
        let claims = AccessTokenClaims(
            iss: credentials.apiKey,
            sub: identity,
            nbf: issuedAt,
            exp: issuedAt + lifetime.components.seconds,
            jti: tokenID,
            name: name,
            metadata: metadata,
            video: grant,
            roomConfig: roomConfig
        )
        return (try JSONWebToken.sign(claims, secret: credentials.apiSecret), claims)
    }

    /// A short-lived token for calling LiveKit's server APIs with `grant`.
    func serverToken(grant: VideoGrant, now: Date = Date()) throws -> String {
        let issuedAt = Int64(now.timeIntervalSince1970)
        let claims = AccessTokenClaims(iss: credentials.apiKey, sub: nil, nbf: issuedAt, exp: issuedAt + 600, video: grant)
        return try JSONWebToken.sign(claims, secret: credentials.apiSecret)
    }

    /// The claims of a token signed with these credentials and valid at `now`.
    public func verify(_ token: String, now: Date = Date()) throws(TokenRejection) -> AccessTokenClaims {
        let claims: AccessTokenClaims
        do {
            claims = try JSONWebToken.verify(token, secret: credentials.apiSecret, as: AccessTokenClaims.self)
        } catch {
            throw .invalid
        }
        let seconds = Int64(now.timeIntervalSince1970)
        let leewaySeconds = leeway.components.seconds
        guard claims.iss == credentials.apiKey else { throw .invalid }
        guard claims.nbf - leewaySeconds <= seconds else { throw .notYetValid }
        guard seconds < claims.exp + leewaySeconds else { throw .expired }
        return claims
    }
}

/// Why ``TokenAuthority/verify(_:now:)`` refused a token.
public enum TokenRejection: Error, Sendable, Equatable {
    /// Malformed, signed with other credentials, or issued for another API key.
    case invalid
    case notYetValid
    case expired
}

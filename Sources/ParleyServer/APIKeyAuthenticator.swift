import ParleyCore

/// Finds the organisation behind an API key.
struct APIKeyAuthenticator: Sendable {
    let store: any Store

    /// The caller a key belongs to; throws 401 for a missing, unknown, wrong or revoked key.
    func authenticate(_ presented: String?) async throws -> Caller {
        guard let presented, !presented.isEmpty else { throw ParleyError.missingAPIKey }
        guard let secret = APIKeySecret(presented),
            let stored = try await store.apiKey(lookupID: secret.lookupID),
            secret.matches(stored), !stored.isRevoked
        else { throw ParleyError.invalidAPIKey }
        return Caller(organizationID: stored.organizationID, apiKeyID: stored.id)
    }
}

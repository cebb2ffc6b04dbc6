import Foundation
import Hummingbird
import ParleyCore

/// `/api/dashboard/api-keys`: list (never secrets), create (the key is shown once), revoke.
struct KeyController {
    let store: any Store
    let maxBodyBytes: Int

    func addRoutes(to group: RouterGroup<ParleyRequestContext>) {
        group.get(use: list)
            .post(use: create)
            .delete("{id}", use: revoke)
    }

    @Sendable func list(_ request: Request, context: ParleyRequestContext) async throws -> KeyListResponse {
        let caller = try context.requireCaller()
        return KeyListResponse(apiKeys: try await store.apiKeys(organizationID: caller.organizationID).map { KeyResponse(key: $0, secret: nil) })
    }

    @Sendable func create(_ request: Request, context: ParleyRequestContext) async throws -> EditedResponse<KeyResponse> {
        let caller = try context.requireCaller()
        let label = try await JSONBody.decode(KeyBody.self, from: request, limit: maxBodyBytes).label ?? ""
        guard label.count <= 100 else { throw ParleyError.invalidField("label", "must be at most 100 characters") }
        let (record, secret) = APIKey.issue(organizationID: caller.organizationID, label: label)
        try await store.insertAPIKey(record)
        return EditedResponse(status: .created, response: KeyResponse(key: record, secret: secret))
    }

    @Sendable func revoke(_ request: Request, context: ParleyRequestContext) async throws -> HTTPResponse.Status {
        let caller = try context.requireCaller()
        guard let id = context.parameters.get("id", as: UUID.self),
            try await store.revokeAPIKey(id: id, organizationID: caller.organizationID, at: Date())
        else { throw ParleyError.notFound("API key not found") }
        return .noContent
    }
}

struct KeyBody: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable { case label }
    var label: String?

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        label = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .label)
    }
}

/// A key as listed; `api_key` is present only in the response that created it.
struct KeyResponse: ResponseEncodable {
    let key: APIKey
    let secret: APIKeySecret?

    enum CodingKeys: String, CodingKey {
        case id, label, prefix
        case apiKey = "api_key"
        case createdAt = "created_at"
        case revokedAt = "revoked_at"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(key.id.lowercasedString, forKey: .id)
        try c.encode(key.label, forKey: .label)
        try c.encode(key.displayPrefix, forKey: .prefix)
        try c.encode(key.createdAt, forKey: .createdAt)
        try c.encode(key.revokedAt, forKey: .revokedAt)
        try c.encodeIfPresent(secret?.plaintext, forKey: .apiKey)
    }
}

struct KeyListResponse: ResponseEncodable {
    let apiKeys: [KeyResponse]
    enum CodingKeys: String, CodingKey { case apiKeys = "api_keys" }
}

import Foundation
import Hummingbird
import ParleyCore

/// `/api/dashboard/organization` (the caller's organisation, whose id is seed 000's
/// `workspace_id`), its Twilio auth token (`/organization/twilio`, write-only), and
/// `/api/dashboard/credits` (balance and ledger).
struct OrganizationController {
    let store: any Store
    let maxBodyBytes: Int

    func addRoutes(to group: RouterGroup<ParleyRequestContext>) {
        group.get("organization", use: show)
            .put("organization/twilio", use: setTwilio)
            .delete("organization/twilio", use: removeTwilio)
            .get("credits", use: credits)
    }

    /// Stores the Twilio auth token that signs this organisation's webhook requests: from then on
    /// `POST /api/twilio/voice` refuses requests without a valid `X-Twilio-Signature`.
    @Sendable func setTwilio(_ request: Request, context: ParleyRequestContext) async throws -> HTTPResponse.Status {
        let caller = try context.requireCaller()
        let token = try await JSONBody.decode(TwilioBody.self, from: request, limit: maxBodyBytes).authToken
        guard (16...128).contains(token.count), token.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw ParleyError.invalidField("auth_token", "must be a Twilio auth token: 16 to 128 letters and digits")
        }
        try await store.setTwilioAuthToken(token, organizationID: caller.organizationID)
        return .noContent
    }

    @Sendable func removeTwilio(_ request: Request, context: ParleyRequestContext) async throws -> HTTPResponse.Status {
        let caller = try context.requireCaller()
        try await store.setTwilioAuthToken(nil, organizationID: caller.organizationID)
        return .noContent
    }

    @Sendable func show(_ request: Request, context: ParleyRequestContext) async throws -> OrganizationResponse {
        let caller = try context.requireCaller()
        guard let organization = try await store.organization(id: caller.organizationID) else {
            throw ParleyError.notFound("Organization not found")
        }
        return OrganizationResponse(
            id: organization.id.lowercasedString,
            name: organization.name,
            createdAt: organization.createdAt,
            creditsBalance: try await store.creditBalance(organizationID: caller.organizationID),
            twilioSignatureRequired: try await store.twilioAuthToken(organizationID: caller.organizationID) != nil
        )
    }

    @Sendable func credits(_ request: Request, context: ParleyRequestContext) async throws -> CreditsResponse {
        let caller = try context.requireCaller()
        let limit = try request.limitParameter(default: 50)
        return CreditsResponse(
            balance: try await store.creditBalance(organizationID: caller.organizationID),
            entries: try await store.creditEntries(organizationID: caller.organizationID, limit: limit).map {
                CreditsResponse.Entry(id: $0.id.lowercasedString, amount: $0.amount, reason: $0.reason, createdAt: $0.createdAt)
            }
        )
    }
}

struct OrganizationResponse: ResponseEncodable {
    let id: String
    let name: String
    let createdAt: Date
    let creditsBalance: Int64
    /// Whether a Twilio auth token is stored (the token itself is never shown).
    let twilioSignatureRequired: Bool

    enum CodingKeys: String, CodingKey {
        case id, name
        case createdAt = "created_at"
        case creditsBalance = "credits_balance"
        case twilioSignatureRequired = "twilio_signature_required"
    }
}

/// `PUT /api/dashboard/organization/twilio`.
struct TwilioBody: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case authToken = "auth_token"
    }

    var authToken: String

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        authToken = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .authToken)
    }
}

struct CreditsResponse: ResponseEncodable {
    let balance: Int64
    let entries: [Entry]

    struct Entry: Encodable {
        let id: String
        let amount: Int64
        let reason: String
        let createdAt: Date

        enum CodingKeys: String, CodingKey {
            case id, amount, reason
            case createdAt = "created_at"
        }
    }
}

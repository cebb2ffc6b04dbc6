import Foundation
import Hummingbird
import ParleyCore

/// `/api/dashboard/organization` (the caller's organisation, whose id is seed 000's
/// `workspace_id`) and `/api/dashboard/credits` (balance and ledger).
struct OrganizationController {
    let store: any Store

    func addRoutes(to group: RouterGroup<ParleyRequestContext>) {
        group.get("organization", use: show)
            .get("credits", use: credits)
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
            creditsBalance: try await store.creditBalance(organizationID: caller.organizationID)
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

    enum CodingKeys: String, CodingKey {
        case id, name
        case createdAt = "created_at"
        case creditsBalance = "credits_balance"
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

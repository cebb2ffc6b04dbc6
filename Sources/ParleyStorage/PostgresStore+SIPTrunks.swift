import Foundation
import ParleyCore
import PostgresNIO

extension PostgresStore {
    public func insertSIPTrunk(_ trunk: SIPTrunk) async throws {
        try await client.query(
            """
            INSERT INTO sip_trunks (id, organization_id, name, provider, outbound_number, host, port, username, password, allowed_addresses, created_at)
            VALUES (\(trunk.id), \(trunk.organizationID), \(trunk.name), \(trunk.provider), \(trunk.outboundNumber), \(trunk.host),
                    \(trunk.port), \(trunk.username), \(trunk.password), \(trunk.allowedAddresses), \(trunk.createdAt))
            """,
            logger: logger
        )
    }

    public func sipTrunks(organizationID: UUID) async throws -> [SIPTrunk] {
        try await rows("SELECT * FROM sip_trunks WHERE organization_id = \(organizationID) ORDER BY created_at, id").map(SIPTrunk.init(row:))
    }

    public func sipTrunk(id: UUID, organizationID: UUID) async throws -> SIPTrunk? {
        try await row("SELECT * FROM sip_trunks WHERE id = \(id) AND organization_id = \(organizationID)").map(SIPTrunk.init(row:))
    }

    public func deleteSIPTrunk(id: UUID, organizationID: UUID) async throws -> Bool {
        // The trunk's dispatch rules go with it (ON DELETE CASCADE).
        try await row("DELETE FROM sip_trunks WHERE id = \(id) AND organization_id = \(organizationID) RETURNING id") != nil
    }

    public func sipTrunks(allowing address: String) async throws -> [SIPTrunk] {
        try await rows("SELECT * FROM sip_trunks WHERE cardinality(allowed_addresses) > 0 ORDER BY created_at, id")
            .map(SIPTrunk.init(row:))
            .filter { $0.allows(address: address) }
    }
}

extension SIPTrunk {
    fileprivate init(row: PostgresRandomAccessRow) throws {
        self.init(
            id: try row.get("id"),
            organizationID: try row.get("organization_id"),
            name: try row.get("name"),
            provider: try row.get("provider"),
            outboundNumber: try row.get("outbound_number"),
            host: try row.get("host"),
            port: try row.get("port"),
            username: try row.get("username"),
            password: try row.get("password"),
            allowedAddresses: try row.get("allowed_addresses"),
            createdAt: try row.get("created_at")
        )
    }
}

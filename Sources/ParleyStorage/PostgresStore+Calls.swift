import Foundation
import ParleyCore
import PostgresNIO

extension PostgresStore {
    public func insertCall(_ call: Call) async throws {
        try await client.query(
            """
            INSERT INTO calls (id, organization_id, agent_id, transport, status, started_at, ended_at, line_call_id, line_from, line_to, digits)
            VALUES (\(call.id), \(call.organizationID), \(call.agentID), \(call.transport.rawValue), \(call.status.rawValue),
                    \(call.startedAt), \(call.endedAt), \(call.line?.callID), \(call.line?.from), \(call.line?.to), \(call.digits))
            """,
            logger: logger
        )
    }

    public func appendTurn(_ turn: CallTurn, callID: UUID, organizationID: UUID) async throws {
        let latency = turn.latency
        // The row lock on the call serialises concurrent appends, so sequence numbers never collide.
        try await transaction { connection in
            let owned = try await connection.query(
                "SELECT id FROM calls WHERE id = \(callID) AND organization_id = \(organizationID) FOR UPDATE",
                logger: logger
            ).collect()
            guard !owned.isEmpty else { throw ParleyError.notFound("Call not found") }
            try await connection.query(
                """
                INSERT INTO call_turns (call_id, seq, role, text, at, transcript_ms, first_token_ms, first_audio_ms, first_byte_sent_ms)
                VALUES (\(callID), (SELECT COALESCE(MAX(seq), -1) + 1 FROM call_turns WHERE call_id = \(callID)),
                        \(turn.role.rawValue), \(turn.text), \(turn.at), \(latency?.transcriptMs), \(latency?.firstTokenMs),
                        \(latency?.firstAudioMs), \(latency?.firstByteSentMs))
                """,
                logger: logger
            )
        }
    }

    public func appendDigits(_ digits: String, callID: UUID, organizationID: UUID) async throws {
        let updated = try await row(
            "UPDATE calls SET digits = digits || \(digits) WHERE id = \(callID) AND organization_id = \(organizationID) RETURNING id"
        )
        guard updated != nil else { throw ParleyError.notFound("Call not found") }
    }

    public func finishCall(id: UUID, organizationID: UUID, status: CallStatus, at: Date) async throws -> Bool {
        try await row(
            """
            UPDATE calls SET status = \(status.rawValue), ended_at = \(at)
            WHERE id = \(id) AND organization_id = \(organizationID) AND status = 'active' RETURNING id
            """
        ) != nil
    }

    public func calls(organizationID: UUID, limit: Int, after cursor: CallCursor?) async throws -> CallPage {
        let fetched: [PostgresRandomAccessRow]
        if let cursor {
            fetched = try await rows(
                """
                SELECT * FROM calls WHERE organization_id = \(organizationID) AND (started_at, id) < (\(cursor.startedAt), \(cursor.id))
                ORDER BY started_at DESC, id DESC LIMIT \(limit + 1)
                """
            )
        } else {
            fetched = try await rows(
                "SELECT * FROM calls WHERE organization_id = \(organizationID) ORDER BY started_at DESC, id DESC LIMIT \(limit + 1)"
            )
        }
        return CallPage(fetched: try fetched.map(Call.init(row:)), limit: limit)
    }

    public func call(id: UUID, organizationID: UUID) async throws -> Call? {
        try await row("SELECT * FROM calls WHERE id = \(id) AND organization_id = \(organizationID)").map(Call.init(row:))
    }

    public func turns(callID: UUID, organizationID: UUID) async throws -> [CallTurn] {
        try await rows(
            """
            SELECT t.* FROM call_turns t JOIN calls c ON c.id = t.call_id
            WHERE t.call_id = \(callID) AND c.organization_id = \(organizationID) ORDER BY t.seq
            """
        ).map { row in
            CallTurn(
                role: TurnRole(rawValue: try row.get("role")) ?? .system,
                text: try row.get("text"),
                at: try row.get("at"),
                latency: TurnLatency(
                    transcriptMs: try row.get("transcript_ms"),
                    firstTokenMs: try row.get("first_token_ms"),
                    firstAudioMs: try row.get("first_audio_ms"),
                    firstByteSentMs: try row.get("first_byte_sent_ms")
                ).nilIfEmpty
            )
        }
    }

    public func stats(organizationID: UUID) async throws -> OrganizationStats {
        let row = try await row(
            """
            SELECT COUNT(*)::bigint AS total,
                   COALESCE(SUM(EXTRACT(EPOCH FROM ended_at - started_at)), 0)::double precision AS seconds,
                   COUNT(*) FILTER (WHERE status = 'active')::bigint AS active,
                   (SELECT credit_balance FROM organizations WHERE id = \(organizationID)) AS balance
            FROM calls WHERE organization_id = \(organizationID)
            """
        )!
        return OrganizationStats(
            totalCalls: Int(try row.get("total", as: Int64.self)),
            totalMinutes: try row.get("seconds", as: Double.self) / 60,
            activeCalls: Int(try row.get("active", as: Int64.self)),
            creditBalance: try row.get("balance", as: Int64?.self) ?? 0
        )
    }
}

extension Call {
    fileprivate init(row: PostgresRandomAccessRow) throws {
        self.init(
            id: try row.get("id"),
            organizationID: try row.get("organization_id"),
            agentID: try row.get("agent_id"),
            transport: CallTransport(rawValue: try row.get("transport")) ?? .websocket,
            status: CallStatus(rawValue: try row.get("status")) ?? .failed,
            startedAt: try row.get("started_at"),
            endedAt: try row.get("ended_at"),
            line: try PhoneLine(row: row),
            digits: try row.get("digits")
        )
    }
}

extension PhoneLine {
    /// `nil` for a call that came by no phone line.
    fileprivate init?(row: PostgresRandomAccessRow) throws {
        let callID: String? = try row.get("line_call_id"), from: String? = try row.get("line_from"), to: String? = try row.get("line_to")
        guard callID != nil || from != nil || to != nil else { return nil }
        self.init(callID: callID, from: from, to: to)
    }
}

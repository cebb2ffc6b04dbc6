import Foundation
import GRDB
import ParleyCore

extension SQLiteStore {
    public func insertCall(_ call: Call) async throws {
        try await pool.write { db in
            try db.run(
                """
                INSERT INTO calls (id, organization_id, agent_id, transport, status, started_at, ended_at, line_call_id, line_from, line_to, digits)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    call.id.lowercasedString, call.organizationID.lowercasedString, call.agentID.lowercasedString, call.transport.rawValue,
                    call.status.rawValue, call.startedAt.sqliteValue, call.endedAt?.sqliteValue,
                    call.line?.callID, call.line?.from, call.line?.to, call.digits,
                ]
            )
        }
    }

    public func appendTurn(_ turn: CallTurn, callID: UUID, organizationID: UUID) async throws {
        try await pool.write { db in
            guard try db.row("SELECT 1 FROM calls WHERE id = ? AND organization_id = ?", [callID.lowercasedString, organizationID.lowercasedString]) != nil
            else { throw ParleyError.notFound("Call not found") }
            try db.run(
                """
                INSERT INTO call_turns (call_id, seq, role, text, at, transcript_ms, first_token_ms, first_audio_ms, first_byte_sent_ms)
                VALUES (?, (SELECT COALESCE(MAX(seq), -1) + 1 FROM call_turns WHERE call_id = ?), ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    callID.lowercasedString, callID.lowercasedString, turn.role.rawValue, turn.text, turn.at.sqliteValue,
                    turn.latency?.transcriptMs, turn.latency?.firstTokenMs, turn.latency?.firstAudioMs, turn.latency?.firstByteSentMs,
                ]
            )
        }
    }

    public func appendDigits(_ digits: String, callID: UUID, organizationID: UUID) async throws {
        try await pool.write { db in
            guard try db.changes(
                "UPDATE calls SET digits = digits || ? WHERE id = ? AND organization_id = ?",
                [digits, callID.lowercasedString, organizationID.lowercasedString]
            ) > 0 else { throw ParleyError.notFound("Call not found") }
        }
    }

    public func finishCall(id: UUID, organizationID: UUID, status: CallStatus, at: Date) async throws -> Bool {
        try await pool.write { db in
            try db.changes(
                "UPDATE calls SET status = ?, ended_at = ? WHERE id = ? AND organization_id = ? AND status = 'active'",
                [status.rawValue, at.sqliteValue, id.lowercasedString, organizationID.lowercasedString]
            ) > 0
        }
    }

    public func calls(organizationID: UUID, limit: Int, after cursor: CallCursor?) async throws -> CallPage {
        let fetched = try await pool.read { db in
            let rows: [Row]
            if let cursor {
                rows = try db.rows(
                    """
                    SELECT * FROM calls WHERE organization_id = ? AND (started_at < ? OR (started_at = ? AND id < ?))
                    ORDER BY started_at DESC, id DESC LIMIT ?
                    """,
                    [organizationID.lowercasedString, cursor.startedAt.sqliteValue, cursor.startedAt.sqliteValue, cursor.id.lowercasedString, limit + 1]
                )
            } else {
                rows = try db.rows(
                    "SELECT * FROM calls WHERE organization_id = ? ORDER BY started_at DESC, id DESC LIMIT ?",
                    [organizationID.lowercasedString, limit + 1]
                )
            }
            return rows.map(Call.init(row:))
        }
        return CallPage(fetched: fetched, limit: limit)
    }

    public func call(id: UUID, organizationID: UUID) async throws -> Call? {
        try await pool.read { db in
            try db.row("SELECT * FROM calls WHERE id = ? AND organization_id = ?", [id.lowercasedString, organizationID.lowercasedString])
                .map(Call.init(row:))
        }
    }

    public func turns(callID: UUID, organizationID: UUID) async throws -> [CallTurn] {
        try await pool.read { db in
            try db.rows(
                """
                SELECT t.* FROM call_turns t JOIN calls c ON c.id = t.call_id
                WHERE t.call_id = ? AND c.organization_id = ? ORDER BY t.seq
                """,
                [callID.lowercasedString, organizationID.lowercasedString]
            ).map { row in
                CallTurn(
                    role: TurnRole(rawValue: row["role"]) ?? .system,
                    text: row["text"],
                    at: row.date("at"),
                    latency: TurnLatency(
                        transcriptMs: row["transcript_ms"],
                        firstTokenMs: row["first_token_ms"],
                        firstAudioMs: row["first_audio_ms"],
                        firstByteSentMs: row["first_byte_sent_ms"]
                    ).nilIfEmpty
                )
            }
        }
    }

    public func stats(organizationID: UUID) async throws -> OrganizationStats {
        try await pool.read { db in
            let row = try db.row(
                """
                SELECT COUNT(*) AS total,
                       COALESCE(SUM(CASE WHEN ended_at IS NOT NULL THEN ended_at - started_at END), 0) AS seconds,
                       COALESCE(SUM(CASE WHEN status = 'active' THEN 1 ELSE 0 END), 0) AS active,
                       (SELECT credit_balance FROM organizations WHERE id = ?) AS balance
                FROM calls WHERE organization_id = ?
                """,
                [organizationID.lowercasedString, organizationID.lowercasedString]
            )!
            return OrganizationStats(
                totalCalls: row["total"],
                totalMinutes: (row["seconds"] as Double) / 60,
                activeCalls: row["active"],
                creditBalance: row["balance"] ?? 0
            )
        }
    }
}

extension Call {
    fileprivate init(row: Row) {
        self.init(
            id: row.uuid("id"),
            organizationID: row.uuid("organization_id"),
            agentID: row.uuid("agent_id"),
            transport: CallTransport(rawValue: row["transport"]) ?? .websocket,
            status: CallStatus(rawValue: row["status"]) ?? .failed,
            startedAt: row.date("started_at"),
            endedAt: row.optionalDate("ended_at"),
            line: PhoneLine(row: row),
            digits: row["digits"]
        )
    }
}

extension PhoneLine {
    /// `nil` for a call that came by no phone line.
    fileprivate init?(row: Row) {
        let callID: String? = row["line_call_id"], from: String? = row["line_from"], to: String? = row["line_to"]
        guard callID != nil || from != nil || to != nil else { return nil }
        self.init(callID: callID, from: from, to: to)
    }
}

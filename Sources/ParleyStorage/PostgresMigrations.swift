import Logging
import PostgresNIO

/// The PostgreSQL schema, one numbered migration at a time, mirroring ``SQLiteMigrations``.
///
/// Each migration is a list of single statements (the extended query protocol runs one at a time),
/// applied in a transaction under an advisory lock so that nodes starting together agree.
enum PostgresMigrations {
    private static let lockID: Int64 = 0x7061_726C_6579  // "parley"

    static func apply(on client: PostgresClient, logger: Logger) async throws {
        try await client.withConnection { connection in
            try await connection.query("SELECT pg_advisory_lock(\(lockID))", logger: logger)
            do {
                try await connection.query(
                    "CREATE TABLE IF NOT EXISTS parley_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                    logger: logger
                )
                let applied = Set(try await versions(on: connection, logger: logger))
                for (version, statements) in migrations where !applied.contains(version) {
                    try await connection.withTransaction(logger: logger) { transaction in
                        for statement in statements {
                            try await transaction.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                        }
                        try await transaction.query("INSERT INTO parley_migrations (version) VALUES (\(version))", logger: logger)
                    }
                }
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock(\(lockID))", logger: logger)
                throw error
            }
            try await connection.query("SELECT pg_advisory_unlock(\(lockID))", logger: logger)
        }
    }

    static func applied(on client: PostgresClient, logger: Logger) async throws -> [Int] {
        try await client.withConnection { try await versions(on: $0, logger: logger) }
    }

    private static func versions(on connection: PostgresConnection, logger: Logger) async throws -> [Int] {
        let exists = try await connection.query("SELECT to_regclass('parley_migrations') IS NOT NULL", logger: logger)
            .collect().first?.decode(Bool.self) ?? false
        guard exists else { return [] }
        var versions: [Int] = []
        for try await version in try await connection.query("SELECT version FROM parley_migrations ORDER BY version", logger: logger)
            .decode(Int.self)
        {
            versions.append(version)
        }
        return versions
    }

    static let migrations: [(Int, [String])] = [(1, version1), (2, version2), (3, version3), (4, version4)]

    private static let version1 = [
        """
        CREATE TABLE organizations (
            id uuid PRIMARY KEY,
            name text NOT NULL UNIQUE,
            credit_balance bigint NOT NULL DEFAULT 0,
            created_at timestamptz NOT NULL
        )
        """,
        """
        CREATE TABLE api_keys (
            id uuid PRIMARY KEY,
            organization_id uuid NOT NULL REFERENCES organizations(id),
            label text NOT NULL,
            lookup_id text NOT NULL UNIQUE,
            secret_hash bytea NOT NULL,
            created_at timestamptz NOT NULL,
            revoked_at timestamptz
        )
        """,
        "CREATE INDEX api_keys_by_organization ON api_keys(organization_id, created_at)",
        """
        CREATE TABLE agents (
            id uuid PRIMARY KEY,
            organization_id uuid NOT NULL REFERENCES organizations(id),
            name text NOT NULL,
            architecture text NOT NULL,
            is_active boolean NOT NULL,
            system_prompt text NOT NULL,
            welcome_message text,
            welcome_interruptible boolean NOT NULL,
            primary_language text NOT NULL,
            secondary_language text,
            llm_model text,
            temperature double precision NOT NULL,
            tts_voice text,
            voice_speed double precision NOT NULL,
            stt_model text,
            interruption_sensitivity double precision NOT NULL,
            silence_threshold_ms integer NOT NULL,
            silence_timeout_ms integer NOT NULL,
            created_at timestamptz NOT NULL,
            updated_at timestamptz NOT NULL
        )
        """,
        "CREATE INDEX agents_by_organization ON agents(organization_id, created_at)",
        """
        CREATE TABLE credit_entries (
            id uuid PRIMARY KEY,
            organization_id uuid NOT NULL REFERENCES organizations(id),
            amount bigint NOT NULL,
            reason text NOT NULL,
            created_at timestamptz NOT NULL
        )
        """,
        "CREATE INDEX credit_entries_by_organization ON credit_entries(organization_id, created_at)",
        """
        CREATE FUNCTION credit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'credit_entries is append-only'; END $$
        """,
        """
        CREATE TRIGGER credit_entries_append_only BEFORE UPDATE OR DELETE ON credit_entries
        FOR EACH ROW EXECUTE FUNCTION credit_entries_append_only()
        """,
        // agent_id has no foreign key: deleting an agent keeps its call history.
        """
        CREATE TABLE calls (
            id uuid PRIMARY KEY,
            organization_id uuid NOT NULL REFERENCES organizations(id),
            agent_id uuid NOT NULL,
            transport text NOT NULL,
            status text NOT NULL,
            started_at timestamptz NOT NULL,
            ended_at timestamptz
        )
        """,
        "CREATE INDEX calls_by_organization ON calls(organization_id, started_at DESC, id DESC)",
        """
        CREATE TABLE call_turns (
            call_id uuid NOT NULL REFERENCES calls(id),
            seq integer NOT NULL,
            role text NOT NULL,
            text text NOT NULL,
            at timestamptz NOT NULL,
            transcript_ms double precision,
            first_token_ms double precision,
            first_audio_ms double precision,
            first_byte_sent_ms double precision,
            PRIMARY KEY (call_id, seq)
        )
        """,
        """
        CREATE TABLE conversations (
            id uuid PRIMARY KEY,
            organization_id uuid NOT NULL REFERENCES organizations(id),
            agent_id uuid NOT NULL,
            key text NOT NULL,
            created_at timestamptz NOT NULL,
            expires_at timestamptz NOT NULL,
            UNIQUE (organization_id, key)
        )
        """,
        """
        CREATE TABLE session_tokens (
            id text PRIMARY KEY,
            organization_id uuid NOT NULL REFERENCES organizations(id),
            expires_at timestamptz NOT NULL,
            consumed_at timestamptz
        )
        """,
        "CREATE INDEX session_tokens_by_expiry ON session_tokens(expires_at)",
    ]

    /// Conversation history, and an index for purging expired conversations.
    private static let version2 = [
        """
        CREATE TABLE conversation_messages (
            conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
            seq integer NOT NULL,
            role text NOT NULL,
            text text NOT NULL,
            at timestamptz NOT NULL,
            PRIMARY KEY (conversation_id, seq)
        )
        """,
        "CREATE INDEX conversations_by_expiry ON conversations(expires_at)",
    ]

    /// Phone calls: the carrier's call id and numbers, the keys the caller pressed, the
    /// organisation's Twilio auth token (which signs Twilio's webhook requests), and which agent
    /// answers each of its numbers.
    private static let version3 = [
        "ALTER TABLE organizations ADD COLUMN twilio_auth_token text",
        """
        CREATE TABLE agent_channels (
            id uuid PRIMARY KEY,
            organization_id uuid NOT NULL REFERENCES organizations(id),
            phone_number text NOT NULL,
            agent_id uuid NOT NULL,
            created_at timestamptz NOT NULL,
            UNIQUE (organization_id, phone_number)
        )
        """,
        "ALTER TABLE calls ADD COLUMN line_call_id text, ADD COLUMN line_from text, ADD COLUMN line_to text, ADD COLUMN digits text NOT NULL DEFAULT ''",
    ]

    /// SIP trunks and the rules that dispatch their calls to agents, as in SQLite's version 4.
    private static let version4 = [
        """
        CREATE TABLE sip_trunks (
            id uuid PRIMARY KEY,
            organization_id uuid NOT NULL REFERENCES organizations(id),
            name text NOT NULL,
            provider text NOT NULL,
            outbound_number text,
            host text,
            port integer NOT NULL,
            username text,
            password text,
            allowed_addresses text[] NOT NULL,
            created_at timestamptz NOT NULL
        )
        """,
        "CREATE INDEX sip_trunks_by_organization ON sip_trunks(organization_id, created_at)",
        """
        CREATE TABLE sip_dispatch_rules (
            id uuid PRIMARY KEY,
            organization_id uuid NOT NULL REFERENCES organizations(id),
            name text,
            called_number text,
            trunk_id uuid REFERENCES sip_trunks(id) ON DELETE CASCADE,
            agent_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
            fallback_agent_id uuid REFERENCES agents(id) ON DELETE SET NULL,
            created_at timestamptz NOT NULL
        )
        """,
        "CREATE INDEX sip_dispatch_rules_by_organization ON sip_dispatch_rules(organization_id, created_at)",
        "CREATE INDEX sip_dispatch_rules_by_trunk ON sip_dispatch_rules(trunk_id)",
        "CREATE INDEX sip_dispatch_rules_by_agent ON sip_dispatch_rules(agent_id)",
        "CREATE INDEX sip_dispatch_rules_by_fallback_agent ON sip_dispatch_rules(fallback_agent_id)",
    ]
}

import GRDB

/// The SQLite schema, one numbered migration at a time; never edit a migration once released.
enum SQLiteMigrations {
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("1") { db in
            try db.execute(sql: version1)
        }
        migrator.registerMigration("2") { db in
            try db.execute(sql: version2)
        }
        migrator.registerMigration("3") { db in
            try db.execute(sql: version3)
        }
        migrator.registerMigration("4") { db in
            try db.execute(sql: version4)
        }
        return migrator
    }()

    private static let version1 = """
        CREATE TABLE organizations (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            credit_balance INTEGER NOT NULL DEFAULT 0,
            created_at REAL NOT NULL
        );
        CREATE TABLE api_keys (
            id TEXT PRIMARY KEY,
            organization_id TEXT NOT NULL REFERENCES organizations(id),
            label TEXT NOT NULL,
            lookup_id TEXT NOT NULL UNIQUE,
            secret_hash BLOB NOT NULL,
            created_at REAL NOT NULL,
            revoked_at REAL
        );
        CREATE INDEX api_keys_by_organization ON api_keys(organization_id, created_at);
        CREATE TABLE agents (
            id TEXT PRIMARY KEY,
            organization_id TEXT NOT NULL REFERENCES organizations(id),
            name TEXT NOT NULL,
            architecture TEXT NOT NULL,
            is_active INTEGER NOT NULL,
            system_prompt TEXT NOT NULL,
            welcome_message TEXT,
            welcome_interruptible INTEGER NOT NULL,
            primary_language TEXT NOT NULL,
            secondary_language TEXT,
            llm_model TEXT,
            temperature REAL NOT NULL,
            tts_voice TEXT,
            voice_speed REAL NOT NULL,
            stt_model TEXT,
            interruption_sensitivity REAL NOT NULL,
            silence_threshold_ms INTEGER NOT NULL,
            silence_timeout_ms INTEGER NOT NULL,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL
        );
        CREATE INDEX agents_by_organization ON agents(organization_id, created_at);
        CREATE TABLE credit_entries (
            id TEXT PRIMARY KEY,
            organization_id TEXT NOT NULL REFERENCES organizations(id),
            amount INTEGER NOT NULL,
            reason TEXT NOT NULL,
            created_at REAL NOT NULL
        );
        CREATE INDEX credit_entries_by_organization ON credit_entries(organization_id, created_at);
        CREATE TRIGGER credit_entries_no_update BEFORE UPDATE ON credit_entries
            BEGIN SELECT RAISE(ABORT, 'credit_entries is append-only'); END;
        CREATE TRIGGER credit_entries_no_delete BEFORE DELETE ON credit_entries
            BEGIN SELECT RAISE(ABORT, 'credit_entries is append-only'); END;
        -- agent_id has no foreign key: deleting an agent keeps its call history.
        CREATE TABLE calls (
            id TEXT PRIMARY KEY,
            organization_id TEXT NOT NULL REFERENCES organizations(id),
            agent_id TEXT NOT NULL,
            transport TEXT NOT NULL,
            status TEXT NOT NULL,
            started_at REAL NOT NULL,
            ended_at REAL
        );
        CREATE INDEX calls_by_organization ON calls(organization_id, started_at DESC, id DESC);
        CREATE TABLE call_turns (
            call_id TEXT NOT NULL REFERENCES calls(id),
            seq INTEGER NOT NULL,
            role TEXT NOT NULL,
            text TEXT NOT NULL,
            at REAL NOT NULL,
            transcript_ms REAL,
            first_token_ms REAL,
            first_audio_ms REAL,
            first_byte_sent_ms REAL,
            PRIMARY KEY (call_id, seq)
        );
        CREATE TABLE conversations (
            id TEXT PRIMARY KEY,
            organization_id TEXT NOT NULL REFERENCES organizations(id),
            agent_id TEXT NOT NULL,
            key TEXT NOT NULL,
            created_at REAL NOT NULL,
            expires_at REAL NOT NULL,
            UNIQUE (organization_id, key)
        );
        CREATE TABLE session_tokens (
            id TEXT PRIMARY KEY,
            organization_id TEXT NOT NULL REFERENCES organizations(id),
            expires_at REAL NOT NULL,
            consumed_at REAL
        );
        CREATE INDEX session_tokens_by_expiry ON session_tokens(expires_at);
        """

    /// Conversation history, and an index for purging expired conversations.
    private static let version2 = """
        CREATE TABLE conversation_messages (
            conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            role TEXT NOT NULL,
            text TEXT NOT NULL,
            at REAL NOT NULL,
            PRIMARY KEY (conversation_id, seq)
        );
        CREATE INDEX conversations_by_expiry ON conversations(expires_at);
        """

    /// Phone calls: the carrier's call id and numbers, the keys the caller pressed, the
    /// organisation's Twilio auth token (which signs Twilio's webhook requests), and which agent
    /// answers each of its numbers.
    private static let version3 = """
        ALTER TABLE organizations ADD COLUMN twilio_auth_token TEXT;
        CREATE TABLE agent_channels (
            id TEXT PRIMARY KEY,
            organization_id TEXT NOT NULL REFERENCES organizations(id),
            phone_number TEXT NOT NULL,
            agent_id TEXT NOT NULL,
            created_at REAL NOT NULL,
            UNIQUE (organization_id, phone_number)
        );
        ALTER TABLE calls ADD COLUMN line_call_id TEXT;
        ALTER TABLE calls ADD COLUMN line_from TEXT;
        ALTER TABLE calls ADD COLUMN line_to TEXT;
        ALTER TABLE calls ADD COLUMN digits TEXT NOT NULL DEFAULT '';
        """

    /// SIP trunks (their allowed addresses a JSON array of strings) and the rules that dispatch
    /// their calls to agents. A rule goes with its trunk and its agent, and loses its fallback with
    /// the fallback agent.
    private static let version4 = """
        CREATE TABLE sip_trunks (
            id TEXT PRIMARY KEY,
            organization_id TEXT NOT NULL REFERENCES organizations(id),
            name TEXT NOT NULL,
            provider TEXT NOT NULL,
            outbound_number TEXT,
            host TEXT,
            port INTEGER NOT NULL,
            username TEXT,
            password TEXT,
            allowed_addresses TEXT NOT NULL,
            created_at REAL NOT NULL
        );
        CREATE INDEX sip_trunks_by_organization ON sip_trunks(organization_id, created_at);
        CREATE TABLE sip_dispatch_rules (
            id TEXT PRIMARY KEY,
            organization_id TEXT NOT NULL REFERENCES organizations(id),
            name TEXT,
            called_number TEXT,
            trunk_id TEXT REFERENCES sip_trunks(id) ON DELETE CASCADE,
            agent_id TEXT NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
            fallback_agent_id TEXT REFERENCES agents(id) ON DELETE SET NULL,
            created_at REAL NOT NULL
        );
        CREATE INDEX sip_dispatch_rules_by_organization ON sip_dispatch_rules(organization_id, created_at);
        CREATE INDEX sip_dispatch_rules_by_trunk ON sip_dispatch_rules(trunk_id);
        CREATE INDEX sip_dispatch_rules_by_agent ON sip_dispatch_rules(agent_id);
        CREATE INDEX sip_dispatch_rules_by_fallback_agent ON sip_dispatch_rules(fallback_agent_id);
        """
}

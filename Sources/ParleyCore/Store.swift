import Foundation
import ServiceLifecycle

/// Where Parley keeps everything that outlives a request.
///
/// Every read of something an organisation owns is scoped by the organisation's id, so another
/// organisation's ids are simply not found. A store is a `Service`: run it in the service group (it
/// owns connection pools) before using it; ``migrate()`` brings the schema up to date.
public protocol Store: Service {
    /// `"sqlite"` or `"postgres"`, reported by `GET /health`.
    var kind: String { get }

    /// Applies every migration not yet applied, in order. Safe to call from several nodes at once.
    func migrate() async throws
    /// Versions of the applied migrations, ascending.
    func appliedMigrations() async throws -> [Int]

    // MARK: Organisations and keys

    /// The organisation with this name, created if it does not exist yet.
    func organization(named name: String, createIfMissing: Bool) async throws -> Organization?
    func organization(id: UUID) async throws -> Organization?
    /// The organisation's Twilio auth token, with which Twilio signs its webhook requests;
    /// `nil` when none is stored.
    func twilioAuthToken(organizationID: UUID) async throws -> String?
    /// Stores the organisation's Twilio auth token, or with `nil` removes it.
    func setTwilioAuthToken(_ token: String?, organizationID: UUID) async throws
    func insertAPIKey(_ key: APIKey) async throws
    func apiKey(lookupID: String) async throws -> APIKey?
    func apiKeys(organizationID: UUID) async throws -> [APIKey]
    /// Marks the key revoked; `false` when the organisation has no such key.
    func revokeAPIKey(id: UUID, organizationID: UUID, at: Date) async throws -> Bool

    // MARK: Agents

    func insertAgent(_ agent: Agent) async throws
    func agent(id: UUID, organizationID: UUID) async throws -> Agent?
    /// The organisation's agents, oldest first.
    func agents(organizationID: UUID) async throws -> [Agent]
    /// Replaces the stored settings; `false` when the organisation has no such agent.
    func updateAgent(_ agent: Agent) async throws -> Bool
    /// Deletes the agent with the SIP dispatch rules that send calls to it; rules that fall back to
    /// it are kept without a fallback. `false` when the organisation has no such agent.
    func deleteAgent(id: UUID, organizationID: UUID) async throws -> Bool

    // MARK: Credits

    /// Appends to the ledger and answers the new balance.
    func appendCredits(_ entry: CreditEntry) async throws -> Int64
    func creditBalance(organizationID: UUID) async throws -> Int64
    /// The ledger, newest first.
    func creditEntries(organizationID: UUID, limit: Int) async throws -> [CreditEntry]

    // MARK: Agent channels

    /// Throws `conflict` when the organisation already has a channel for the number.
    func insertAgentChannel(_ channel: AgentChannel) async throws
    /// Oldest first.
    func agentChannels(organizationID: UUID) async throws -> [AgentChannel]
    func agentChannel(phoneNumber: String, organizationID: UUID) async throws -> AgentChannel?
    func deleteAgentChannel(id: UUID, organizationID: UUID) async throws -> Bool

    // MARK: SIP trunks and dispatch rules

    func insertSIPTrunk(_ trunk: SIPTrunk) async throws
    /// Oldest first.
    func sipTrunks(organizationID: UUID) async throws -> [SIPTrunk]
    func sipTrunk(id: UUID, organizationID: UUID) async throws -> SIPTrunk?
    /// Deletes the trunk with the dispatch rules that name it; `false` when the organisation has no
    /// such trunk.
    func deleteSIPTrunk(id: UUID, organizationID: UUID) async throws -> Bool
    /// The trunks of every organisation that accept INVITEs from `address` (``SIPTrunk/allows(address:)``),
    /// oldest first: the trunks a call from that address may have come in on.
    func sipTrunks(allowing address: String) async throws -> [SIPTrunk]
    /// Throws `notFound` when the rule's agent, fallback agent or trunk is not the organisation's.
    func insertSIPDispatchRule(_ rule: SIPDispatchRule) async throws
    /// Oldest first.
    func sipDispatchRules(organizationID: UUID) async throws -> [SIPDispatchRule]
    func sipDispatchRule(id: UUID, organizationID: UUID) async throws -> SIPDispatchRule?
    func deleteSIPDispatchRule(id: UUID, organizationID: UUID) async throws -> Bool

    // MARK: Calls

    func insertCall(_ call: Call) async throws
    func appendTurn(_ turn: CallTurn, callID: UUID, organizationID: UUID) async throws
    /// Adds keys the caller pressed to the call's `digits`; throws `notFound` for a call of
    /// another organisation.
    func appendDigits(_ digits: String, callID: UUID, organizationID: UUID) async throws
    /// Sets the end time and final status; `false` when there is no such active call.
    func finishCall(id: UUID, organizationID: UUID, status: CallStatus, at: Date) async throws -> Bool
    func calls(organizationID: UUID, limit: Int, after cursor: CallCursor?) async throws -> CallPage
    func call(id: UUID, organizationID: UUID) async throws -> Call?
    /// The call's transcript in the order it was spoken.
    func turns(callID: UUID, organizationID: UUID) async throws -> [CallTurn]
    func stats(organizationID: UUID) async throws -> OrganizationStats

    // MARK: Conversations and session tokens

    /// The live conversation with this key, or a new one; either way it is kept until `now + ttl`.
    ///
    /// A conversation is live while `expiresAt > now`. An expired one with the same key is replaced
    /// by a new conversation (a new id) and its history is deleted with it.
    func openConversation(organizationID: UUID, agentID: UUID, key: String, now: Date, ttl: TimeInterval) async throws -> Conversation
    /// Appends a message to a conversation's history, after every message appended before it.
    ///
    /// Throws ``ParleyError/notFound(_:)`` when there is no such conversation (never opened, or
    /// expired and since replaced or purged). The conversation id comes from ``openConversation``,
    /// which is scoped by organisation.
    func appendConversationMessage(_ message: ConversationMessage, conversationID: UUID) async throws
    /// A conversation's history in the order it was appended, oldest first; empty for an unknown
    /// conversation. With a `limit`, only the most recent `limit` messages (still oldest first), so
    /// that a long conversation does not grow a prompt without end; `nil` reads them all.
    func conversationMessages(conversationID: UUID, limit: Int?) async throws -> [ConversationMessage]
    /// Remembers a single-use token id until it expires.
    func recordSessionToken(id: String, organizationID: UUID, expiresAt: Date) async throws
    /// Uses up a single-use token, atomically: only the first caller is admitted.
    func consumeSessionToken(id: String, at: Date) async throws -> SessionTokenUse
    /// Deletes every conversation that has expired by `now` (`expiresAt <= now`) with its history,
    /// and every session token whose expiry is at or before `now`, used or not (an expired token is
    /// refused by its signature's validity window anyway). Run periodically by `StorePurger`.
    func purgeExpired(now: Date) async throws -> PurgeCounts
}

extension Store {
    /// A conversation's whole history, oldest first.
    public func conversationMessages(conversationID: UUID) async throws -> [ConversationMessage] {
        try await conversationMessages(conversationID: conversationID, limit: nil)
    }
}

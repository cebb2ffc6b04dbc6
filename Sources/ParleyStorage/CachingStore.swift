import Foundation
import ParleyCore

/// A store that keeps what every session request reads (API keys, agents, credit balances) in
/// memory for a short time in front of another store. Conversation history is never cached.
///
/// Changes made through this store drop the affected entries at once; changes made by other
/// nodes sharing the database are seen within `lifetime`.
public struct CachingStore: Store {
    let base: any Store
    private let keys: ExpiringCache<String, APIKey>
    private let agents: ExpiringCache<AgentKey, Agent>
    private let balances: ExpiringCache<UUID, Int64>

    private struct AgentKey: Hashable, Sendable {
        var id: UUID
        var organizationID: UUID
    }

    /// - Parameter now: the time entries expire by; tests pass a clock they move themselves.
    public init(_ base: any Store, lifetime: Duration, now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }) {
        self.base = base
        keys = ExpiringCache(lifetime: lifetime, now: now)
        agents = ExpiringCache(lifetime: lifetime, now: now)
        balances = ExpiringCache(lifetime: lifetime, now: now)
    }

    public var kind: String { base.kind }
    public func run() async throws { try await base.run() }
    public func migrate() async throws { try await base.migrate() }
    public func appliedMigrations() async throws -> [Int] { try await base.appliedMigrations() }

    // MARK: Cached

    public func apiKey(lookupID: String) async throws -> APIKey? {
        try await keys.value(for: lookupID) { try await base.apiKey(lookupID: lookupID) }
    }

    public func revokeAPIKey(id: UUID, organizationID: UUID, at: Date) async throws -> Bool {
        let revoked = try await base.revokeAPIKey(id: id, organizationID: organizationID, at: at)
        keys.remove { _, key in key.id == id }
        return revoked
    }

    public func agent(id: UUID, organizationID: UUID) async throws -> Agent? {
        try await agents.value(for: AgentKey(id: id, organizationID: organizationID)) {
            try await base.agent(id: id, organizationID: organizationID)
        }
    }

    public func updateAgent(_ agent: Agent) async throws -> Bool {
        defer { agents.remove(AgentKey(id: agent.id, organizationID: agent.organizationID)) }
        return try await base.updateAgent(agent)
    }

    public func deleteAgent(id: UUID, organizationID: UUID) async throws -> Bool {
        defer { agents.remove(AgentKey(id: id, organizationID: organizationID)) }
        return try await base.deleteAgent(id: id, organizationID: organizationID)
    }

    public func creditBalance(organizationID: UUID) async throws -> Int64 {
        try await balances.value(for: organizationID) { try await base.creditBalance(organizationID: organizationID) } ?? 0
    }

    public func appendCredits(_ entry: CreditEntry) async throws -> Int64 {
        defer { balances.remove(entry.organizationID) }
        return try await base.appendCredits(entry)
    }

    // MARK: Passed through

    public func organization(named name: String, createIfMissing: Bool) async throws -> Organization? {
        try await base.organization(named: name, createIfMissing: createIfMissing)
    }
    public func organization(id: UUID) async throws -> Organization? { try await base.organization(id: id) }
    public func twilioAuthToken(organizationID: UUID) async throws -> String? { try await base.twilioAuthToken(organizationID: organizationID) }
    public func setTwilioAuthToken(_ token: String?, organizationID: UUID) async throws {
        try await base.setTwilioAuthToken(token, organizationID: organizationID)
    }
    public func insertAPIKey(_ key: APIKey) async throws { try await base.insertAPIKey(key) }
    public func apiKeys(organizationID: UUID) async throws -> [APIKey] { try await base.apiKeys(organizationID: organizationID) }
    public func insertAgent(_ agent: Agent) async throws { try await base.insertAgent(agent) }
    public func agents(organizationID: UUID) async throws -> [Agent] { try await base.agents(organizationID: organizationID) }
    public func creditEntries(organizationID: UUID, limit: Int) async throws -> [CreditEntry] {
        try await base.creditEntries(organizationID: organizationID, limit: limit)
    }
    public func insertAgentChannel(_ channel: AgentChannel) async throws { try await base.insertAgentChannel(channel) }
    public func agentChannels(organizationID: UUID) async throws -> [AgentChannel] { try await base.agentChannels(organizationID: organizationID) }
    public func agentChannel(phoneNumber: String, organizationID: UUID) async throws -> AgentChannel? {
        try await base.agentChannel(phoneNumber: phoneNumber, organizationID: organizationID)
    }
    public func deleteAgentChannel(id: UUID, organizationID: UUID) async throws -> Bool {
        try await base.deleteAgentChannel(id: id, organizationID: organizationID)
    }
    public func insertSIPTrunk(_ trunk: SIPTrunk) async throws { try await base.insertSIPTrunk(trunk) }
    public func sipTrunks(organizationID: UUID) async throws -> [SIPTrunk] { try await base.sipTrunks(organizationID: organizationID) }
    public func sipTrunk(id: UUID, organizationID: UUID) async throws -> SIPTrunk? { try await base.sipTrunk(id: id, organizationID: organizationID) }
    public func deleteSIPTrunk(id: UUID, organizationID: UUID) async throws -> Bool {
        try await base.deleteSIPTrunk(id: id, organizationID: organizationID)
    }
    public func sipTrunks(allowing address: String) async throws -> [SIPTrunk] { try await base.sipTrunks(allowing: address) }
    public func insertSIPDispatchRule(_ rule: SIPDispatchRule) async throws { try await base.insertSIPDispatchRule(rule) }
    public func sipDispatchRules(organizationID: UUID) async throws -> [SIPDispatchRule] {
        try await base.sipDispatchRules(organizationID: organizationID)
    }
    public func sipDispatchRule(id: UUID, organizationID: UUID) async throws -> SIPDispatchRule? {
        try await base.sipDispatchRule(id: id, organizationID: organizationID)
    }
    public func deleteSIPDispatchRule(id: UUID, organizationID: UUID) async throws -> Bool {
        try await base.deleteSIPDispatchRule(id: id, organizationID: organizationID)
    }
    public func insertCall(_ call: Call) async throws { try await base.insertCall(call) }
    public func appendDigits(_ digits: String, callID: UUID, organizationID: UUID) async throws {
        try await base.appendDigits(digits, callID: callID, organizationID: organizationID)
    }
    public func appendTurn(_ turn: CallTurn, callID: UUID, organizationID: UUID) async throws {
        try await base.appendTurn(turn, callID: callID, organizationID: organizationID)
    }
    public func finishCall(id: UUID, organizationID: UUID, status: CallStatus, at: Date) async throws -> Bool {
        try await base.finishCall(id: id, organizationID: organizationID, status: status, at: at)
    }
    public func calls(organizationID: UUID, limit: Int, after cursor: CallCursor?) async throws -> CallPage {
        try await base.calls(organizationID: organizationID, limit: limit, after: cursor)
    }
    public func call(id: UUID, organizationID: UUID) async throws -> Call? { try await base.call(id: id, organizationID: organizationID) }
    public func turns(callID: UUID, organizationID: UUID) async throws -> [CallTurn] {
        try await base.turns(callID: callID, organizationID: organizationID)
    }
    public func stats(organizationID: UUID) async throws -> OrganizationStats { try await base.stats(organizationID: organizationID) }
    public func openConversation(organizationID: UUID, agentID: UUID, key: String, now: Date, ttl: TimeInterval) async throws -> Conversation {
        try await base.openConversation(organizationID: organizationID, agentID: agentID, key: key, now: now, ttl: ttl)
    }
    public func recordSessionToken(id: String, organizationID: UUID, expiresAt: Date) async throws {
        try await base.recordSessionToken(id: id, organizationID: organizationID, expiresAt: expiresAt)
    }
    public func consumeSessionToken(id: String, at: Date) async throws -> SessionTokenUse {
        try await base.consumeSessionToken(id: id, at: at)
    }
    public func purgeExpired(now: Date) async throws -> PurgeCounts { try await base.purgeExpired(now: now) }

    // MARK: Passed through, never cached: a resumed call must see every message, from any node.

    public func appendConversationMessage(_ message: ConversationMessage, conversationID: UUID) async throws {
        try await base.appendConversationMessage(message, conversationID: conversationID)
    }
    public func conversationMessages(conversationID: UUID, limit: Int?) async throws -> [ConversationMessage] {
        try await base.conversationMessages(conversationID: conversationID, limit: limit)
    }
}

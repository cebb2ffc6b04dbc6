import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LiveKit
import Logging
import ParleyCore
@testable import ParleyServer
import ParleyStorage
import Prometheus
import TestSupport
import Testing

/// One organisation with a key, a voice agent and credits, in a fresh SQLite store, and the
/// application around it.
struct ServerFixture {
    let store: SQLiteStore
    let organization: Organization
    let apiKey: String
    let apiKeyID: UUID
    let agent: Agent
    var settings = ServerSettings()
    let credentials = LiveKitCredentials(apiKey: "lk-test-key", apiSecret: "lk-test-secret-0123456789abcdef0123")
    let registry = PrometheusCollectorRegistry()

    static func make(credits: Int64 = 100, organizationName: String = "org-\(UUID())", configure: (inout ServerSettings) -> Void = { _ in }) async throws -> ServerFixture {
        let store = try SQLiteStore(path: try makeTemporaryDirectory() + "/parley.sqlite")
        try await store.migrate()
        let (organization, key, keyID) = try await addOrganization(to: store, name: organizationName, credits: credits)
        let agent = Agent(organizationID: organization.id, settings: AgentSettings(name: "Support Agent"))
        try await store.insertAgent(agent)
        var fixture = ServerFixture(store: store, organization: organization, apiKey: key, apiKeyID: keyID, agent: agent)
        fixture.settings.dataDirectory = try makeTemporaryDirectory()
        configure(&fixture.settings)
        return fixture
    }

    /// Another tenant in the same store: its organisation and a key.
    @discardableResult
    static func addOrganization(to store: any Store, name: String, credits: Int64 = 100) async throws -> (Organization, String, UUID) {
        let organization = try #require(try await store.organization(named: name, createIfMissing: true))
        let (record, secret) = APIKey.issue(organizationID: organization.id, label: "test")
        try await store.insertAPIKey(record)
        if credits != 0 {
            _ = try await store.appendCredits(CreditEntry(organizationID: organization.id, amount: credits, reason: "test"))
        }
        return (organization, secret.plaintext, record.id)
    }

    func addAgent(_ configure: (inout AgentSettings) -> Void = { _ in }) async throws -> Agent {
        var settings = AgentSettings(name: "Agent \(UUID().uuidString.prefix(6))")
        configure(&settings)
        let agent = Agent(organizationID: organization.id, settings: settings)
        try await store.insertAgent(agent)
        return agent
    }

    /// An agent that answers everything with a long story and stops at the slightest word: for
    /// barge-in tests.
    func addStoryteller() async throws -> Agent {
        try await addAgent {
            $0.interruptionSensitivity = 1
            $0.systemPrompt = "You are a storyteller. Always answer with a long story of at least ten sentences."
        }
    }

    func application(logger: Logger = Logger(label: "parley-test")) throws -> some ApplicationProtocol {
        try buildApplication(settings: settings, store: store, credentials: credentials, registry: registry, logger: logger)
    }

    var authority: TokenAuthority { TokenAuthority(credentials: credentials) }
}

extension TestClientProtocol {
    /// Sends `body` (JSON unless `contentType` says otherwise) with the API key, if any.
    func call(
        _ method: HTTPRequest.Method,
        _ uri: String,
        key: String? = nil,
        body: String? = nil,
        contentType: String? = "application/json"
    ) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let key { headers[HTTPField.Name("X-API-Key")!] = key }
        if body != nil, let contentType { headers[.contentType] = contentType }
        return try await executeRequest(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }
}

extension TestResponse {
    /// The body as a JSON object.
    func object() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any])
    }

    /// The error body's `detail` and `code`, requiring exactly the two fields of the error shape.
    func error() throws -> ErrorBody {
        let object = try object()
        #expect(Set(object.keys) == ["detail", "code"])
        return ErrorBody(detail: try #require(object["detail"] as? String), code: try #require(object["code"] as? String))
    }

    var text: String { String(buffer: body) }
}

/// JSON for a request body.
func json(_ object: [String: Any]) -> String {
    String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
}

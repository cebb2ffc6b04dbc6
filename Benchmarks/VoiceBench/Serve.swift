import ArgumentParser
import Foundation
import Hummingbird
import LiveKit
import Logging
import Metrics
import ParleyCore
import ParleyServer
import ParleyStorage
import Prometheus
import ServiceLifecycle
import Telephony

/// Runs the real server (SQLite in a fresh directory) with the instant engine doubles, one
/// organisation with a key, a voice agent and plenty of credits; prints
/// `{"port":…,"apiKey":…,"agentId":…,"pid":…}` on one line once it listens.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve /ws/voice with instant engine doubles.")

    @Option(help: "Port on 127.0.0.1.") var port = 8089
    @Option(help: "How long each synthesised piece plays, in ms.") var pieceMs = 300
    @Option(help: "Directory for the SQLite store (default: a fresh temporary one).") var data: String?
    @Option(help: "UDP port of the SIP user agent on 127.0.0.1 (0: none); a trunk allows loopback and a catch-all rule sends every number to the agent.") var sipPort = 0
    @Option(help: "First RTP port of the SIP calls (2000 ports).") var rtpBase = 20_000

    func run() async throws {
        var logger = Logger(label: "voice-bench")
        logger.logLevel = .warning
        let directory = data ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("voice-bench-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: directory + "/parley.sqlite")
        try await store.migrate()
        let organization = try await store.organization(named: "bench", createIfMissing: true)!
        let (record, secret) = APIKey.issue(organizationID: organization.id, label: "bench")
        try await store.insertAPIKey(record)
        _ = try await store.appendCredits(CreditEntry(organizationID: organization.id, amount: 1_000_000_000, reason: "bench"))
        let agent = Agent(organizationID: organization.id, settings: AgentSettings(name: "Bench Agent"))
        try await store.insertAgent(agent)
        let registry = PrometheusCollectorRegistry()
        var metrics = PrometheusMetricsFactory(registry: registry)
        let lateness = [0.25, 0.5, 1, 1.5, 2, 3, 5, 10, 20, 50].map { Duration.microseconds(Int64($0 * 1_000)) }
        metrics.durationHistogramBuckets["parley_rtp_send_lateness"] = lateness
        metrics.durationHistogramBuckets["parley_twilio_send_lateness"] = lateness
        MetricsSystem.bootstrap(metrics)

        var settings = ServerSettings()
        settings.host = "127.0.0.1"
        settings.port = port
        settings.dataDirectory = directory
        settings.logLevel = .warning
        settings.sessionsPerMinute = 1_000_000
        settings.requestsPerMinute = 1_000_000
        settings.engines = .init(home: directory)
        if sipPort != 0 {
            settings.sip = SIPUserAgentConfiguration(bindHost: "127.0.0.1", port: sipPort, publicHost: "127.0.0.1", rtpPorts: rtpBase...(rtpBase + 2_000), maxCalls: 5_000)
            try await store.insertSIPTrunk(SIPTrunk(organizationID: organization.id, name: "bench", allowedAddresses: ["127.0.0.1"]))
            try await store.insertSIPDispatchRule(SIPDispatchRule(organizationID: organization.id, agentID: agent.id))
        }
        let app = try buildApplication(
            settings: settings, store: store,
            credentials: LiveKitCredentials(apiKey: "bench", apiSecret: "bench-secret-0123456789abcdef0123456789"),
            registry: registry, logger: logger,
            engines: InstantEngines(pieceDuration: .milliseconds(pieceMs))
        )
        let line: [String: Any] = [
            "port": port, "apiKey": secret.plaintext, "agentId": agent.id.uuidString.lowercased(),
            "pid": Int(ProcessInfo.processInfo.processIdentifier), "data": directory,
        ]
        // Unbuffered, so that the script reads it at once.
        FileHandle.standardOutput.write(try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys]) + Data("\n".utf8))
        try await app.runService()
    }
}

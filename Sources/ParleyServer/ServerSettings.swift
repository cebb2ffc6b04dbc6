import Configuration
import Engines
import Foundation
import Logging
import Telephony

/// Everything `parley serve` reads from its configuration (command line, `PARLEY_*` environment,
/// then these defaults). Each key is documented in the README.
public struct ServerSettings: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var dataDirectory = "./.parley"
    /// `postgres://…` to use PostgreSQL; `nil` for the embedded SQLite file.
    public var databaseURL: String?
    public var logLevel: Logger.Level = .info
    /// A LiveKit server to create rooms and dispatches on; `nil` to only mint tokens.
    public var liveKitURL: String?
    public var liveKitAPIKey = "parley"
    /// `nil` to use (or create) the secret kept in the data directory.
    public var liveKitAPISecret: String?
    /// The agent worker name dispatched into rooms.
    public var liveKitAgentName = "parley-agent"
    public var sessionsPerMinute = 30
    public var requestsPerMinute = 600
    public var conversationTTL: Duration = .seconds(86_400)
    public var maxBodyBytes = 64 * 1024
    /// Which web origins may call the API from a browser (seed 003's page does): `*` for any,
    /// one origin such as `https://app.example.com`, or `nil` for none.
    public var corsOrigin: String? = "*"
    /// How long API keys, agents and balances stay cached in memory; zero turns the cache off.
    public var cacheLifetime: Duration = .milliseconds(2_000)
    /// The local engines and the defaults agents get.
    public var engines = EngineConfiguration(home: EngineConfiguration.defaultHome)
    /// The SIP user agent; `nil` runs none. Off here, on at port 5060 when read from a
    /// configuration (`PARLEY_SIP_PORT=0` turns it off), so in-process servers do not fight over the port.
    public var sip: SIPUserAgentConfiguration?

    public init() {}

    /// Reads the `parley.*` keys (`PARLEY_*` variables); absent keys keep their defaults.
    public init(reader: ConfigReader) throws {
        let config = reader.scoped(to: "parley")
        host = config.string(forKey: "host", default: host)
        port = config.int(forKey: "port", default: port)
        dataDirectory = config.string(forKey: "dataDir", default: dataDirectory)
        databaseURL = config.string(forKey: "databaseUrl", isSecret: true)
        let level = config.string(forKey: "logLevel", default: "info")
        guard let parsedLevel = Logger.Level(rawValue: level == "warn" ? "warning" : level) else {
            throw SettingsError("PARLEY_LOG_LEVEL must be one of trace, debug, info, notice, warning, error, critical")
        }
        logLevel = parsedLevel
        liveKitURL = config.string(forKey: "livekit.url")
        liveKitAPIKey = config.string(forKey: "livekit.apiKey", default: liveKitAPIKey)
        liveKitAPISecret = config.string(forKey: "livekit.apiSecret", isSecret: true)
        liveKitAgentName = config.string(forKey: "livekit.agentName", default: liveKitAgentName)
        sessionsPerMinute = config.int(forKey: "rateLimit.sessionsPerMinute", default: sessionsPerMinute)
        requestsPerMinute = config.int(forKey: "rateLimit.requestsPerMinute", default: requestsPerMinute)
        conversationTTL = .seconds(config.int(forKey: "conversation.ttlSeconds", default: 86_400))
        maxBodyBytes = config.int(forKey: "http.maxBodyBytes", default: maxBodyBytes)
        let origin = config.string(forKey: "corsOrigin", default: "*")
        corsOrigin = origin == "none" || origin.isEmpty ? nil : origin
        let cacheMilliseconds = config.int(forKey: "cache.ttlMs", default: 2_000)
        guard cacheMilliseconds >= 0 else { throw SettingsError("PARLEY_CACHE_TTL_MS must not be negative") }
        cacheLifetime = .milliseconds(cacheMilliseconds)
        engines = try Self.engines(config)
        sip = try Self.sip(config, host: host)
        try validate()
    }

    private func validate() throws {
        guard (1...65_535).contains(port) else { throw SettingsError("PARLEY_PORT must be between 1 and 65535") }
        guard sessionsPerMinute > 0, requestsPerMinute > 0 else {
            throw SettingsError("PARLEY_RATE_LIMIT_* must be positive")
        }
        guard maxBodyBytes >= 1024 else { throw SettingsError("PARLEY_HTTP_MAX_BODY_BYTES must be at least 1024") }
        if let liveKitURL, !(liveKitURL.hasPrefix("ws://") || liveKitURL.hasPrefix("wss://")) {
            throw SettingsError("PARLEY_LIVEKIT_URL must start with ws:// or wss://")
        }
    }

    private static func engines(_ config: ConfigReader) throws -> EngineConfiguration {
        var engines = EngineConfiguration(home: config.string(forKey: "home", default: EngineConfiguration.defaultHome))
        engines.modelsDirectory = config.string(forKey: "modelsDir", default: engines.modelsDirectory)
        engines.llamaServer = config.string(forKey: "llamaServer", default: engines.llamaServer)
        engines.localModel = config.string(forKey: "llm.localModel", default: engines.localModel)
        if let baseURL = config.string(forKey: "llm.baseUrl") {
            guard baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://") else {
                throw SettingsError("PARLEY_LLM_BASE_URL must start with http:// or https://")
            }
            guard let model = config.string(forKey: "llm.model") else {
                throw SettingsError("PARLEY_LLM_MODEL must name the provider's default model when PARLEY_LLM_BASE_URL is set")
            }
            engines.remote = .init(baseURL: baseURL, apiKey: config.string(forKey: "llm.apiKey", isSecret: true), model: model)
        }
        if let allowed = config.string(forKey: "llm.allowedModels") {
            let models = allowed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !models.isEmpty else { throw SettingsError("PARLEY_LLM_ALLOWED_MODELS must name at least one model (leave it unset to allow all)") }
            engines.allowedModels = Set(models.map { $0.hasSuffix(".gguf") ? String($0.dropLast(5)) : $0 })
        }
        engines.speechToTextModel = config.string(forKey: "stt.model", default: engines.speechToTextModel)
        engines.voice = config.string(forKey: "tts.voice", default: engines.voice)
        engines.threads = config.int(forKey: "engine.threads", default: engines.threads)
        guard (1...64).contains(engines.threads) else { throw SettingsError("PARLEY_ENGINE_THREADS must be between 1 and 64") }
        return engines
    }

    private static func sip(_ config: ConfigReader, host: String) throws -> SIPUserAgentConfiguration? {
        let port = config.int(forKey: "sip.port", default: 5_060)
        guard port != 0 else { return nil }
        guard (1...65_535).contains(port) else { throw SettingsError("PARLEY_SIP_PORT must be between 0 (off) and 65535") }
        let bindHost = config.string(forKey: "sip.host", default: host)
        let wildcard = bindHost == "0.0.0.0" || bindHost == "::"
        let publicHost = config.string(forKey: "sip.publicHost", default: wildcard ? "127.0.0.1" : bindHost)
        let ports = config.string(forKey: "sip.rtpPorts", default: "10000-20000").split(separator: "-").compactMap { Int($0) }
        guard ports.count == 2, ports[0] >= 1_024, ports[0] + 1 < ports[1], ports[1] <= 65_535 else {
            throw SettingsError("PARLEY_SIP_RTP_PORTS must be a range such as 10000-20000, above 1023")
        }
        let maxCalls = config.int(forKey: "sip.maxCalls", default: 1_000)
        guard maxCalls > 0 else { throw SettingsError("PARLEY_SIP_MAX_CALLS must be positive") }
        return SIPUserAgentConfiguration(
            bindHost: bindHost, port: port, publicHost: publicHost, rtpPorts: ports[0]...ports[1], maxCalls: maxCalls,
            realtimeMedia: config.bool(forKey: "sip.rtpRealtime", default: true)
        )
    }

    /// The LiveKit URL handed to clients: the configured server, or LiveKit's local default.
    public var publicLiveKitURL: String { liveKitURL ?? "ws://localhost:7880" }
}

/// A configuration value that cannot be used; the message names the setting.
public struct SettingsError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

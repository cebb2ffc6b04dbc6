import Audio
import Configuration
import Conversation
import Engines
import Hummingbird
import HummingbirdWebSocket
import LiveKit
import Logging
import ParleyCore
import ParleyStorage
import Prometheus
import ServiceLifecycle
import Telephony

/// Builds `parley serve` from its configuration: the store it names, the LiveKit credentials, and
/// the HTTP application. Metrics are recorded into `registry` (bootstrap swift-metrics with it).
public func buildApplication(reader: ConfigReader, registry: PrometheusCollectorRegistry) async throws -> some ApplicationProtocol {
    let settings = try ServerSettings(reader: reader)
    var logger = Logger(label: "parley")
    logger.logLevel = settings.logLevel
    let store = try StoreOpener.open(dataDirectory: settings.dataDirectory, databaseURL: settings.databaseURL, logger: logger)
    let credentials = try LiveKitSecretFile.credentials(for: settings)
    return try buildApplication(settings: settings, store: store, credentials: credentials, registry: registry, logger: logger)
}

/// Builds the HTTP application around an open store. The store runs as one of the application's
/// services and is migrated before the server accepts connections. Calls get their engines from
/// `engines`, by default an ``EngineCatalog`` of the configured local engines and provider.
public func buildApplication(
    settings: ServerSettings,
    store: any Store,
    credentials: LiveKitCredentials,
    registry: PrometheusCollectorRegistry,
    logger: Logger,
    engines given: (any AgentEngineSource)? = nil
) throws -> some ApplicationProtocol {
    // Every session request reads its key, agent and balance: keep them in memory briefly.
    let store: any Store = settings.cacheLifetime > .zero ? CachingStore(store, lifetime: settings.cacheLifetime) : store
    let authority = TokenAuthority(credentials: credentials)
    let router = Router(context: ParleyRequestContext.self)
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: MetricsMiddleware())
    if let origin = settings.corsOrigin {
        // API keys travel in a header, never in cookies, so allowing other origins grants nothing
        // a page could not already do with the key it holds.
        router.add(middleware: CORSMiddleware(
            allowOrigin: origin == "*" ? .all : .custom(origin),
            allowHeaders: [.contentType, .authorization, APIKeyMiddleware.header],
            allowMethods: [.get, .post, .put, .patch, .delete, .options],
            maxAge: .seconds(600)
        ))
    }
    router.add(middleware: ErrorMiddleware())
    let engines: any AgentEngineSource
    let inventory: EngineInventory
    if let given {
        engines = given
        inventory = EngineInventory(scanning: settings.engines.modelsDirectory)
    } else {
        let catalog = EngineCatalog(configuration: settings.engines, logger: logger)
        engines = catalog
        inventory = catalog.inventory
    }
    HealthController(storeKind: store.kind, engines: inventory, registry: registry).addRoutes(to: router)

    let authenticated = router.group()
        .add(middleware: APIKeyMiddleware(
            authenticator: APIKeyAuthenticator(store: store),
            limiter: RateLimiter(perMinute: settings.requestsPerMinute)
        ))
    AgentController(store: store, maxBodyBytes: settings.maxBodyBytes)
        .addRoutes(to: authenticated.group("api/dashboard/agents"))
    KeyController(store: store, maxBodyBytes: settings.maxBodyBytes)
        .addRoutes(to: authenticated.group("api/dashboard/api-keys"))
    AgentChannelController(store: store, maxBodyBytes: settings.maxBodyBytes)
        .addRoutes(to: authenticated.group("api/dashboard/agent-channels"))
    SIPTrunkController(store: store, maxBodyBytes: settings.maxBodyBytes).addRoutes(to: authenticated.group("sip/trunk"))
    SIPDispatchController(store: store, maxBodyBytes: settings.maxBodyBytes).addRoutes(to: authenticated.group("sip/dispatch"))
    CallController(store: store).addRoutes(to: authenticated.group("api/dashboard"))
    OrganizationController(store: store, maxBodyBytes: settings.maxBodyBytes).addRoutes(to: authenticated.group("api/dashboard"))
    SessionController(
        issuer: SessionIssuer(
            store: store,
            authority: authority,
            liveKit: settings.liveKitURL.map { LiveKitServerClient(url: $0, authority: authority) },
            agentWorkerName: settings.liveKitAgentName,
            limiter: RateLimiter(perMinute: settings.sessionsPerMinute)
        ),
        liveKitURL: settings.publicLiveKitURL,
        conversationTTL: settings.conversationTTL,
        maxBodyBytes: settings.maxBodyBytes
    ).addRoutes(to: authenticated)

    let voiceRouter = Router(context: BasicWebSocketRequestContext.self)
    let admission = VoiceCallAdmission(
        store: store,
        authenticator: APIKeyAuthenticator(store: store),
        limiter: RateLimiter(perMinute: settings.sessionsPerMinute)
    )
    let alarm = CallAlarm()
    let runner = VoiceCallRunner(store: store, engines: engines, conversationTTL: settings.conversationTTL, alarm: alarm)
    VoiceSocketController(admission: admission, runner: runner, mp3: try MP3Encoder(sampleRate: VoiceAudioFormat.sampleRate))
        .addRoutes(to: voiceRouter)
    TwilioStreamController(admission: admission, runner: runner).addRoutes(to: voiceRouter)
    TwilioWebhookController(admission: admission, store: store, maxBodyBytes: settings.maxBodyBytes).addRoutes(to: router)
    ConsoleController(assets: .embedded).addRoutes(to: router)

    var services: [any Service] = [store, engines, alarm, StorePurger(store: store, logger: logger)]
    let userAgent = settings.sip.map { sip in
        SIPUserAgent(configuration: sip, handler: SIPCallDispatcher(store: store, admission: admission, runner: runner, logger: logger), logger: logger)
    }
    if let userAgent { services.append(userAgent) }
    SIPCallController(
        store: store, admission: admission, runner: runner, userAgent: userAgent, placed: PlacedCalls(),
        maxBodyBytes: settings.maxBodyBytes, logger: logger
    ).addRoutes(to: authenticated.group("sip/call"))

    var app = Application(
        router: router,
        // WebSocket frames stay at the library's 16 KiB both ways: what most clients accept.
        server: .http1WebSocketUpgrade(webSocketRouter: voiceRouter),
        configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "parley"),
        services: services,
        logger: logger
    )
    app.beforeServerStarts {
        try await store.migrate()
    }
    return app
}

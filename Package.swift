// swift-tools-version:6.2
import PackageDescription

// The local engines live in PARLEY_HOME (scripts/install-engines.sh). SwiftPM takes only -I/-L/-l
// from their pkg-config files, so their run-time search path is set here.
let parleyHome = Context.environment["PARLEY_HOME"] ?? (Context.environment["HOME"] ?? "") + "/.cache/parley"

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "parley",
    platforms: [.macOS(.v15)],
    products: [
        // For Fuzz/ (the libFuzzer targets), which builds Telephony apart from this package.
        .library(name: "Telephony", targets: ["Telephony"]),
        .executable(name: "parley", targets: ["parley"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
    ],
    targets: [
        .executableTarget(
            name: "parley",
            dependencies: [
                "ParleyServer",
                "ParleyStorage",
                "ParleyCore",
                "Engines",
                "Audio",
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "engine-bench",
            dependencies: [
                "Engines",
                "ParleyCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Benchmarks/EngineBench",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "voice-bench",
            dependencies: [
                "ParleyServer",
                "ParleyStorage",
                "ParleyCore",
                "Engines",
                "Audio",
                "LiveKit",
                "Telephony",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Benchmarks/VoiceBench",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ParleyCore",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ParleyStorage",
            dependencies: [
                "ParleyCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "LiveKit",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .systemLibrary(name: "CSoxr", pkgConfig: "soxr"),
        .systemLibrary(name: "CLame", pkgConfig: "lame"),
        .target(
            name: "Audio",
            dependencies: ["CSoxr", "CLame"],
            swiftSettings: swiftSettings
        ),
        .systemLibrary(name: "CWhisper", pkgConfig: "parley-whisper"),
        .systemLibrary(name: "CSherpaOnnx", pkgConfig: "parley-sherpa-onnx"),
        .systemLibrary(name: "CEspeakNG", pkgConfig: "espeak-ng"),
        .target(name: "CEngineEnvironment"),
        .target(name: "CSpawn"),
        .target(
            name: "Engines",
            dependencies: [
                "ParleyCore",
                "Audio",
                "CWhisper",
                "CSherpaOnnx",
                "CEspeakNG",
                "CEngineEnvironment",
                "CSpawn",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings,
            linkerSettings: [.unsafeFlags(["-Xlinker", "-rpath", "-Xlinker", parleyHome + "/lib"])]
        ),
        .target(
            name: "Conversation",
            dependencies: [
                "ParleyCore",
                "Engines",
                "Audio",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Telephony",
            dependencies: [
                "Audio",
                "Conversation",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ParleyServer",
            dependencies: [
                "ParleyCore",
                "Telephony",
                "Engines",
                "Conversation",
                "Audio",
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                "ParleyStorage",
                "LiveKit",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            // The console's files are built into the binary (EmbedConsole), not resources.
            exclude: ["Console/Assets"],
            swiftSettings: swiftSettings,
            plugins: ["EmbedConsole"]
        ),
        .executableTarget(name: "console-embedder", swiftSettings: swiftSettings),
        .plugin(name: "EmbedConsole", capability: .buildTool(), dependencies: ["console-embedder"]),
        .target(
            name: "TestSupport",
            dependencies: [
                "ParleyCore",
                "Engines",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tests/TestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ParleyCoreTests",
            dependencies: ["ParleyCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ParleyStorageTests",
            dependencies: [
                "ParleyStorage",
                "ParleyCore",
                "TestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LiveKitTests",
            dependencies: [
                "LiveKit",
                "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AudioTests",
            dependencies: ["Audio", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TelephonyTests",
            dependencies: ["Telephony", "Audio"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ConversationTests",
            dependencies: ["Conversation", "Engines", "ParleyCore", "Audio", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EnginesTests",
            dependencies: [
                "Engines",
                "ParleyCore",
                "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ParleyServerTests",
            dependencies: [
                "ParleyServer",
                "ParleyStorage",
                "ParleyCore",
                "LiveKit",
                "Telephony",
                "TestSupport",
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                "Audio",
                "Engines",
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "InMemoryLogging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)

// swift-tools-version:6.2
import PackageDescription

// libFuzzer targets for Parley's parsers of untrusted input. Apart from the main package because a
// fuzz target links only when built with `-sanitize=fuzzer` (it runs libFuzzer's driver), which a
// plain `swift build` is not. Build and run it with scripts/fuzz.sh.
let package = Package(
    name: "parley-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "parley", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "TelephonyFuzzer",
            dependencies: ["CFuzzerDriver", .product(name: "Telephony", package: "parley")]
        ),
        .target(name: "CFuzzerDriver"),
    ],
    swiftLanguageModes: [.v6]
)

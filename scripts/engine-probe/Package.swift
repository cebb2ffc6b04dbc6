// swift-tools-version:6.0
import PackageDescription

// Build with PKG_CONFIG_PATH=$PARLEY_HOME/pkgconfig (scripts/install-engines.sh writes the .pc
// files). SwiftPM takes only -I/-L/-l from a .pc file and drops `-Wl,-rpath` with a
// "prohibited flag(s)" warning, so the run-time search path for $PARLEY_HOME/lib is set here.
let parleyHome = Context.environment["PARLEY_HOME"]
    ?? (Context.environment["HOME"] ?? "") + "/.cache/parley"

let package = Package(
    name: "engine-probe",
    targets: [
        .systemLibrary(name: "CWhisper", pkgConfig: "parley-whisper"),
        .systemLibrary(name: "CSherpaOnnx", pkgConfig: "parley-sherpa-onnx"),
        .systemLibrary(name: "CEspeakNG", pkgConfig: "espeak-ng", providers: [.apt(["libespeak-ng-dev"])]),
        .target(
            name: "ProbeEngines",
            dependencies: ["CWhisper", "CSherpaOnnx", "CEspeakNG"],
            // Propagates to every executable and test binary that links this target.
            linkerSettings: [.unsafeFlags(["-Xlinker", "-rpath", "-Xlinker", parleyHome + "/lib"])]
        ),
        .executableTarget(name: "engine-probe", dependencies: ["ProbeEngines"]),
        .testTarget(name: "ProbeEnginesTests", dependencies: ["ProbeEngines"]),
    ]
)

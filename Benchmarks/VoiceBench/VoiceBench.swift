import ArgumentParser

/// `voice-bench`: how many `/ws/voice` sessions one server carries, with the engines replaced by
/// instant in-process doubles so that only the platform's own cost is measured. `serve` runs the
/// server, `load` runs the callers in another process (see `Benchmarks/voice-density.sh`).
@main
struct VoiceBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "voice-bench",
        abstract: "Density of /ws/voice sessions with instant engine doubles.",
        subcommands: [Serve.self, Load.self]
    )
}

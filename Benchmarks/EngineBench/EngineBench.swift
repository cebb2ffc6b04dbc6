import ArgumentParser
import Engines
import Foundation
import Logging
import ParleyCore
import ServiceLifecycle

/// `engine-bench`: per-engine figures on this machine, one subcommand per engine.
@main
struct EngineBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine-bench",
        abstract: "Measure Parley's local engines.",
        subcommands: [VAD.self, STT.self, TTS.self, LLM.self, Calls.self, MP3.self]
    )
}

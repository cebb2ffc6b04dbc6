import ArgumentParser

/// `parley`: the server and the operator's tools.
@main
struct Parley: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parley",
        abstract: "Parley, a self-hosted voice-agent platform.",
        subcommands: [Serve.self, Keys.self, Agents.self, Credits.self, Call.self]
    )
}

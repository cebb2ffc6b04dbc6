import ArgumentParser
import ParleyCore

/// `parley agents create`: an agent in an existing organisation.
struct Agents: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage agents.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an agent and print its id.")

        @Option(help: "Organization name.") var org: String
        @Option(help: "Agent name.") var name: String
        @Option(help: "System prompt.") var prompt: String = ""
        @Option(help: "pipeline, realtime or text.") var architecture: String = "pipeline"
        @Option(help: "What the agent says first.") var greeting: String?
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            guard let architecture = AgentArchitecture(rawValue: architecture.lowercased()) else {
                throw ValidationError("--architecture must be pipeline, realtime or text")
            }
            var draft = AgentSettings(name: name)
            draft.systemPrompt = prompt
            draft.architecture = architecture
            draft.welcomeMessage = greeting
            do {
                try draft.validate()
            } catch {
                throw ValidationError(error.detail)
            }
            let (org, settings) = (org, draft)
            let agent = try await storeOptions.withStore { store in
                guard let organization = try await store.organization(named: org, createIfMissing: false) else {
                    throw ValidationError("no organization named \(org): create one with `parley keys create --org \(org)`")
                }
                let agent = Agent(organizationID: organization.id, settings: settings)
                try await store.insertAgent(agent)
                return agent
            }
            if json {
                try printJSON(["id": agent.id.lowercasedString, "name": agent.settings.name])
            } else {
                print(agent.id.lowercasedString)
            }
        }
    }
}

import Engines
import Logging
import ParleyCore

extension VoiceCallRunner {
    /// Loads the engines `agent`'s calls use (and starts its local model's server) ahead of a
    /// call, as a placed call rings. What fails here fails again, and is told, when the call runs.
    func prepareEngines(for agent: Agent, logger: Logger) async {
        do {
            try await engines.withEngines(for: agent.settings, logger: logger) { _ in }
        } catch {
            logger.debug("the agent's engines could not be loaded ahead of the call", metadata: ["error": "\(error)"])
        }
    }
}

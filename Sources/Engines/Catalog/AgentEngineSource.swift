import Logging
import ParleyCore
import ServiceLifecycle

/// Where calls get their agents' engines: the ``EngineCatalog``, or test doubles in a benchmark.
public protocol AgentEngineSource: Service {
    /// Runs one call, `body`, with the engines for its agent.
    func withEngines<Result>(
        for settings: AgentSettings, logger: Logger?, _ body: (AgentEngines) async throws -> Result
    ) async throws -> Result
}

/// LiveKit's `roomConfig` claim: how the room is set up when this token's bearer creates it,
/// including which agents are dispatched into it.
public struct RoomConfiguration: Sendable, Equatable, Codable {
    public var name: String
    public var agents: [AgentDispatch]

    public init(name: String, agents: [AgentDispatch]) {
        self.name = name
        self.agents = agents
    }

    /// One agent to dispatch: the worker's registered name and the job's metadata.
    public struct AgentDispatch: Sendable, Equatable, Codable {
        public var agentName: String
        public var metadata: String

        public init(agentName: String, metadata: String) {
            self.agentName = agentName
            self.metadata = metadata
        }
    }
}

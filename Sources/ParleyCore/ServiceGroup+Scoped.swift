import ServiceLifecycle

extension ServiceGroup {
    /// Runs the group's services for the length of `body`, then shuts them down gracefully and
    /// waits for them: the structured way to use services outside `parley serve` (tools, tests).
    public func withRunning<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await self.run() }
            do {
                let result = try await body()
                await triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                await triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
        }
    }
}

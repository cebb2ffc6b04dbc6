/// Lets one test at a time hold a live call against the local engines.
///
/// A live call keeps Whisper, llama-server and Piper busy for a minute. On a 2-core machine two
/// of them at once (Swift Testing runs suites in parallel) starve each other past every turn's
/// deadline, so the suites that place such calls queue here, in the order they arrive.
actor LiveCallGate {
    static let shared = LiveCallGate()

    private var held = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func holding(_ body: @Sendable () async throws -> Void) async throws {
        await acquire()
        defer { release() }
        try await body()
    }

    private func acquire() async {
        guard held else {
            held = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        // The gate passes straight to the next in line, still held.
        if waiting.isEmpty { held = false } else { waiting.removeFirst().resume() }
    }
}

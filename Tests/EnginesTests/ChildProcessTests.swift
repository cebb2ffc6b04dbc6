import Foundation
@testable import Engines
import TestSupport
import Testing

@Suite struct ChildProcessTests {
    /// A child that inherited a copy of a client's socket would keep the connection open after
    /// the server closed it (seen with llama-server holding WebSocket calls open).
    @Test func theChildGetsNoneOfTheParentsFiles() async throws {
        let directory = try makeTemporaryDirectory()
        let held = open(directory + "/held", O_CREAT | O_WRONLY, 0o644)
        #expect(held > 2)
        defer { close(held) }
        let listing = directory + "/fds"
        let child = try ChildProcess(executable: "/bin/sh", arguments: ["-c", "ls /proc/$$/fd"], outputPath: listing)
        while child.exitStatus() == nil { try await Task.sleep(for: .milliseconds(10)) }
        let descriptors = try String(contentsOfFile: listing, encoding: .utf8).split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        #expect(!descriptors.isEmpty)
        #expect(descriptors.allSatisfy { $0 <= 2 || $0 == 10 || $0 == 255 }, "only the standard three (and the shell's own): \(descriptors)")
        #expect(!descriptors.contains(Int(held)))
    }
}

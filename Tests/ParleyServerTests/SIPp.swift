import Foundation
import Testing

/// SIPp (Debian `sip-tester`) run on a scenario of `Tests/peers/sipp`, its `@NAME@` values filled in.
enum SIPp {
    static let path = "/usr/bin/sipp"
    static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: path) && ProcessInfo.processInfo.environment["PARLEY_TEST_PEERS_DIR"] != nil
    }

    struct Run {
        var status: Int32
        var output: String
    }

    /// Runs the scenario on `localPort`: placing its calls to `127.0.0.1:remotePort`, or, without
    /// one, answering calls. Returns once SIPp exits, without blocking a thread.
    static func run(scenario: String, values: [String: String], remotePort: Int?, localPort: Int = .random(in: 41_000...44_999)) async throws -> Run {
        let peers = try #require(ProcessInfo.processInfo.environment["PARLEY_TEST_PEERS_DIR"])
        var text = try String(contentsOfFile: peers + "/sipp/" + scenario, encoding: .utf8)
        for (name, value) in values { text = text.replacingOccurrences(of: "@\(name)@", with: value) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sipp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent(scenario)
        try text.write(to: file, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.currentDirectoryURL = directory
        process.arguments = [
            "-sf", file.path, "-i", "127.0.0.1", "-p", String(localPort), "-mp", String(localPort + 1000),
            "-m", "1", "-timeout", "90s", "-timeout_error", "-nostdin", "-trace_err", "-error_file", directory.appendingPathComponent("errors.log").path,
        ] + (remotePort.map { ["127.0.0.1:\($0)"] } ?? [])
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = (try? String(contentsOf: directory.appendingPathComponent("errors.log"), encoding: .utf8)) ?? ""
        return Run(status: status, output: String(printed.suffix(2_000)) + errors)
    }
}

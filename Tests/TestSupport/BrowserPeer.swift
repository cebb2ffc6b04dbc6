import Foundation

/// Headless Chromium driven by selenium (`Tests/peers/console_browser.py`, see ``PythonPeer``):
/// Debian's `chromium` and `chromium-driver`, selenium from PyPI in the test venv.
public enum BrowserPeer {
    static let chromium = "/usr/bin/chromium"
    static let chromedriver = "/usr/bin/chromedriver"

    public static var isAvailable: Bool {
        PythonPeer.isAvailable("console_browser.py")
            && FileManager.default.isExecutableFile(atPath: chromium)
            && FileManager.default.isExecutableFile(atPath: chromedriver)
    }

    /// Runs the console script to its end without holding a thread (the server under test shares
    /// the process's few); answers the JSON object it printed.
    public static func driveConsole(url: String, apiKey: String, microphone wav: String, interruption: String, screenshots: String) async throws -> [String: Any] {
        let environment = ProcessInfo.processInfo.environment
        let directory = try makeTemporaryDirectory()
        let outputPath = directory + "/output.json"
        let errorsPath = directory + "/errors.txt"
        for path in [outputPath, errorsPath] {
            guard FileManager.default.createFile(atPath: path, contents: nil) else { throw PeerFailed(message: "could not create \(path)") }
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: environment["PARLEY_TEST_PYTHON"]!)
        process.arguments = [
            environment["PARLEY_TEST_PEERS_DIR"]! + "/console_browser.py",
            "--url", url, "--key", apiKey, "--wav", wav, "--interruption", interruption, "--screenshots", screenshots,
        ]
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorsPath))
        let status: Int32 = await withCheckedContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(returning: -1)
            }
        }
        let output = try Data(contentsOf: URL(fileURLWithPath: outputPath))
        guard status == 0, let object = try? JSONSerialization.jsonObject(with: output) as? [String: Any] else {
            let errors = (try? String(contentsOfFile: errorsPath, encoding: .utf8)) ?? ""
            throw PeerFailed(message: "console_browser.py exited \(status): \(errors.suffix(2_000))")
        }
        return object
    }

    public struct PeerFailed: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }
}

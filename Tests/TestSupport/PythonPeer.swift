import Foundation

/// Runs a script of `Tests/peers` with the test venv's Python: `make test` points
/// `PARLEY_TEST_PYTHON` at a venv with the reference packages (livekit-api, twilio) and
/// `PARLEY_TEST_PEERS_DIR` at `Tests/peers`; tests that need one are enabled only when both are set.
public enum PythonPeer {
    public static func isAvailable(_ script: String) -> Bool {
        let environment = ProcessInfo.processInfo.environment
        guard let python = environment["PARLEY_TEST_PYTHON"], let peers = environment["PARLEY_TEST_PEERS_DIR"] else { return false }
        return FileManager.default.isExecutableFile(atPath: python) && FileManager.default.fileExists(atPath: peers + "/" + script)
    }

    /// The script's exit status, standard output and standard error.
    public static func run(_ script: String, arguments: [String]) throws -> (status: Int32, output: Data, errors: Data) {
        let environment = ProcessInfo.processInfo.environment
        let process = Process()
        process.executableURL = URL(fileURLWithPath: environment["PARLEY_TEST_PYTHON"]!)
        process.arguments = [environment["PARLEY_TEST_PEERS_DIR"]! + "/" + script] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, outData, errData)
    }
}

import Foundation

/// A fresh directory under the system's temporary folder, for one test.
public func makeTemporaryDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "parley-test-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

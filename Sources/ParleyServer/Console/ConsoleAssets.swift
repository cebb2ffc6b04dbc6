import Foundation

/// The web console's files (`Console/Assets`, a resource of this module), read once at start-up.
struct ConsoleAssets: Sendable {
    private let files: [String: ConsoleAsset]

    private static let contentTypes = [
        "html": "text/html; charset=utf-8",
        "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8",
        "svg": "image/svg+xml",
    ]

    /// The console as built into Parley.
    static func bundled() throws -> ConsoleAssets {
        guard let directory = Bundle.module.url(forResource: "Assets", withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "the console's Assets folder is missing from Parley's resources"])
        }
        return try ConsoleAssets(directory: directory)
    }

    /// Every file of `directory` whose type the console serves.
    init(directory: URL) throws {
        var files: [String: ConsoleAsset] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            guard let type = Self.contentTypes[(name as NSString).pathExtension] else { continue }
            files[name] = ConsoleAsset(try Data(contentsOf: directory.appendingPathComponent(name)), contentType: type)
        }
        self.files = files
    }

    subscript(name: String) -> ConsoleAsset? { files[name] }
}

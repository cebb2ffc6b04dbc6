import Foundation

/// The web console's files (`Console/Assets`), built into Parley by the EmbedConsole plugin and
/// decoded once at start-up.
struct ConsoleAssets: Sendable {
    private let files: [String: ConsoleAsset]

    private static let contentTypes = [
        "html": "text/html; charset=utf-8",
        "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8",
        "svg": "image/svg+xml",
    ]

    /// The console as built into Parley.
    static let embedded = ConsoleAssets(embeddedConsoleFiles.compactMap { name, base64 in Data(base64Encoded: base64).map { (name, $0) } })

    /// Every file whose type the console serves, by name.
    init(_ files: [(name: String, data: Data)]) {
        var assets: [String: ConsoleAsset] = [:]
        for (name, data) in files {
            guard let type = Self.contentTypes[(name as NSString).pathExtension] else { continue }
            assets[name] = ConsoleAsset(data, contentType: type)
        }
        self.files = assets
    }

    subscript(name: String) -> ConsoleAsset? { files[name] }
}

import Foundation
import LiveKit

/// The LiveKit credentials: from configuration, or a secret generated once and kept in the data
/// directory (readable by its owner only) so tokens stay valid across restarts.
enum LiveKitSecretFile {
    static let fileName = "livekit-api-secret"

    static func credentials(for settings: ServerSettings) throws -> LiveKitCredentials {
        if let secret = settings.liveKitAPISecret {
            return LiveKitCredentials(apiKey: settings.liveKitAPIKey, apiSecret: secret)
        }
        let manager = FileManager.default
        try manager.createDirectory(atPath: settings.dataDirectory, withIntermediateDirectories: true)
        let path = (settings.dataDirectory as NSString).appendingPathComponent(fileName)
        if let existing = manager.contents(atPath: path).map({ String(decoding: $0, as: UTF8.self) }), !existing.isEmpty {
            return LiveKitCredentials(apiKey: settings.liveKitAPIKey, apiSecret: existing.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        var generator = SystemRandomNumberGenerator()
        let secret = (0..<32).map { _ in String(format: "%02x", generator.next() as UInt8) }.joined()
        guard manager.createFile(atPath: path, contents: Data(secret.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw SettingsError("cannot write \(path)")
        }
        return LiveKitCredentials(apiKey: settings.liveKitAPIKey, apiSecret: secret)
    }
}

import Foundation

/// The real `twilio` Python package, as the reference for the signatures Twilio puts on its
/// webhook requests (see ``PythonPeer``).
public enum TwilioPeer {
    public static var isAvailable: Bool { PythonPeer.isAvailable("twilio_signature.py") }

    /// The `X-Twilio-Signature` Twilio would send with a POST of `body` (form-encoded) to `url`.
    public static func signature(authToken: String, url: String, body: String) throws -> String {
        let result = try PythonPeer.run("twilio_signature.py", arguments: [authToken, url, body])
        guard result.status == 0 else { throw PeerFailed(message: String(decoding: result.errors, as: UTF8.self)) }
        return String(decoding: result.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public struct PeerFailed: Error {
        public var message: String
    }
}

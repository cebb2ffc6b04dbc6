import Crypto
import Foundation

/// Twilio's request signature (`X-Twilio-Signature`): the base64 HMAC-SHA1, keyed with the
/// account's auth token, of the full URL Twilio requested followed by every POST parameter's name
/// and value, sorted by name (a name's several values sorted too).
enum TwilioSignature {
    static func compute(authToken: String, url: String, parameters: [(name: String, value: String)]) -> String {
        code(authToken: authToken, url: url, parameters: parameters).base64EncodedString()
    }

    /// Whether `signature` signs the request. Twilio's own libraries also accept the URL with its
    /// default port added or removed (a proxy may change which), and so does this.
    static func isValid(_ signature: String?, authToken: String, url: String, parameters: [(name: String, value: String)]) -> Bool {
        guard let signature, let given = Data(base64Encoded: signature) else { return false }
        return urlVariants(url).contains { constantTimeEqual(code(authToken: authToken, url: $0, parameters: parameters), given) }
    }

    /// The HMAC itself.
    private static func code(authToken: String, url: String, parameters: [(name: String, value: String)]) -> Data {
        var signed = url
        for name in Set(parameters.map(\.name)).sorted() {
            for value in Set(parameters.filter { $0.name == name }.map(\.value)).sorted() {
                signed += name + value
            }
        }
        return Data(HMAC<Insecure.SHA1>.authenticationCode(for: Data(signed.utf8), using: SymmetricKey(data: Data(authToken.utf8))))
    }

    private static func urlVariants(_ url: String) -> [String] {
        guard var components = URLComponents(string: url), let scheme = components.scheme else { return [url] }
        let defaultPort = scheme == "https" ? 443 : 80
        if components.port == nil {
            components.port = defaultPort
        } else if components.port == defaultPort {
            components.port = nil
        } else {
            return [url]
        }
        return [url, components.string ?? url]
    }

    /// Whether `a` and `b` are the same bytes, taking as long whichever byte differs.
    static func constantTimeEqual(_ a: Data, _ b: Data) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

import HTTPTypes

/// How a browser gives `/ws/voice` its API key without putting it in the URL: a browser cannot set
/// headers on a WebSocket, but it can offer subprotocols. The client offers `parley` and
/// `parley-key.<key>`; Parley reads the key from the second and accepts the first (a browser
/// fails a connection whose server picks no subprotocol it offered). `api_key` in the query, as
/// seed 002 has it, takes precedence.
enum VoiceSocketSubprotocol {
    static let name = "parley"
    static let keyPrefix = "parley-key."

    /// The headers of the upgrade's response: the subprotocol chosen, when the client offered it.
    static func responseHeaders(for request: HTTPFields) -> HTTPFields {
        offered(in: request).contains(name) ? [.secWebSocketProtocol: name] : [:]
    }

    /// The key of a `parley-key.` subprotocol, if one was offered.
    static func apiKey(in request: HTTPFields) -> String? {
        offered(in: request).first { $0.hasPrefix(keyPrefix) }.map { String($0.dropFirst(keyPrefix.count)) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    private static func offered(in request: HTTPFields) -> [String] {
        request[values: .secWebSocketProtocol].flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
    }
}

import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Calls a LiveKit server's Twirp API to create rooms and dispatch agents into them.
public struct LiveKitServerClient: Sendable {
    /// The server's HTTP(S) base, derived from its `ws://`/`wss://` URL.
    public let baseURL: String
    let authority: TokenAuthority
    let httpClient: HTTPClient
    let timeout: TimeAmount

    public init(url: String, authority: TokenAuthority, httpClient: HTTPClient = .shared, timeout: Duration = .seconds(5)) {
        var base = url
        if base.hasPrefix("ws://") { base = "http://" + base.dropFirst(5) }
        if base.hasPrefix("wss://") { base = "https://" + base.dropFirst(6) }
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.authority = authority
        self.httpClient = httpClient
        self.timeout = .nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000)
    }

    /// `RoomService/CreateRoom`: makes the room exist before anyone joins it.
    public func createRoom(name: String, metadata: String, emptyTimeoutSeconds: Int = 300) async throws(LiveKitServerError) {
        try await call(
            "livekit.RoomService/CreateRoom",
            body: ["name": .string(name), "metadata": .string(metadata), "empty_timeout": .int(emptyTimeoutSeconds)],
            grant: VideoGrant(roomCreate: true)
        )
    }

    /// `AgentDispatchService/CreateDispatch`: sends the named agent worker into the room.
    public func createDispatch(room: String, agentName: String, metadata: String) async throws(LiveKitServerError) {
        try await call(
            "livekit.AgentDispatchService/CreateDispatch",
            body: ["room": .string(room), "agent_name": .string(agentName), "metadata": .string(metadata)],
            grant: VideoGrant(room: room, roomAdmin: true)
        )
    }

    private func call(_ method: String, body: [String: TwirpValue], grant: VideoGrant) async throws(LiveKitServerError) {
        let response: HTTPClientResponse
        let responseBody: ByteBuffer
        do {
            var request = HTTPClientRequest(url: "\(baseURL)/twirp/\(method)")
            request.method = .POST
            request.headers.add(name: "Authorization", value: "Bearer \(try authority.serverToken(grant: grant))")
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(body)))
            response = try await httpClient.execute(request, timeout: timeout)
            responseBody = try await response.body.collect(upTo: 64 * 1024)
        } catch {
            throw .unreachable
        }
        guard (200..<300).contains(response.status.code) else {
            let twirpError = try? JSONDecoder().decode(TwirpErrorBody.self, from: Data(responseBody.readableBytesView))
            throw .rejected(method: method, status: Int(response.status.code), message: twirpError?.msg ?? response.status.reasonPhrase)
        }
    }
}

/// A JSON value in a Twirp request body.
enum TwirpValue: Encodable {
    case string(String)
    case int(Int)

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        }
    }
}

/// Twirp's error body: `{"code": "...", "msg": "..."}`.
private struct TwirpErrorBody: Decodable {
    var code: String
    var msg: String
}

/// Why a LiveKit server call failed; ``description`` is safe to show to API callers.
public enum LiveKitServerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No answer: connection refused, DNS, TLS or timeout.
    case unreachable
    /// The server answered with an error.
    case rejected(method: String, status: Int, message: String)

    public var description: String {
        switch self {
        case .unreachable: "LiveKit connection failed"
        case .rejected(let method, let status, let message): "LiveKit \(method) failed (\(status)): \(message)"
        }
    }
}

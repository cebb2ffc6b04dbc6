import Foundation
import Hummingbird

/// A stand-in for a LiveKit server's Twirp API on a loopback port: it records every request and
/// answers `{}`, or the error it was told to give.
public enum FakeLiveKitServer {
    /// One request as the fake received it.
    public struct Received: Sendable {
        public var path: String
        public var authorization: String?
        public var contentType: String?
        public var body: [String: any Sendable]
    }

    /// The requests received so far, in order.
    public actor Log {
        public private(set) var received: [Received] = []
        func append(_ request: Received) { received.append(request) }
    }

    /// Runs the fake for the length of `body`, which gets the port it listens on and its log.
    public static func run<T: Sendable>(
        failure: (status: Int, body: String)? = nil,
        _ body: @Sendable (_ port: Int, _ log: Log) async throws -> T
    ) async throws -> T {
        let log = Log()
        let router = Router()
        router.post("twirp/{service}/{method}") { request, _ -> Response in
            let fields = try await request.jsonFields()
            await log.append(Received(
                path: request.uri.path,
                authorization: request.headers[.authorization],
                contentType: request.headers[.contentType],
                body: fields
            ))
            let (status, text) = failure ?? (200, "{}")
            return Response(
                status: .init(code: status),
                headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: text))
            )
        }
        return try await LoopbackServer.run(router) { port in try await body(port, log) }
    }
}

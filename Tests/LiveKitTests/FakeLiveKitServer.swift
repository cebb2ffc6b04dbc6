import Foundation
import Hummingbird
import Logging
import Testing

/// A local stand-in for a LiveKit server's Twirp API: records every request and answers with
/// whatever `answer` says.
struct FakeLiveKitServer {
    struct RecordedRequest: Sendable {
        var method: HTTPRequest.Method
        var path: String
        var headers: HTTPFields
        var body: Data

        var bearer: String? {
            guard let value = headers[.authorization], value.hasPrefix("Bearer ") else { return nil }
            return String(value.dropFirst("Bearer ".count))
        }

        func json() throws -> [String: any Sendable] {
            let object = try JSONSerialization.jsonObject(with: body) as? [String: Any] ?? [:]
            return object.compactMapValues { value -> (any Sendable)? in
                switch value {
                case let string as String: string
                case let number as NSNumber: number.intValue
                default: nil
                }
            }
        }
    }

    actor Recorder {
        private(set) var requests: [RecordedRequest] = []
        func record(_ request: RecordedRequest) { requests.append(request) }
    }

    typealias Answer = @Sendable (RecordedRequest) -> (status: Int, body: String)

    /// Runs the server on 127.0.0.1 at a free port for the length of `body`, which gets the port and
    /// what the server recorded.
    static func withServer<T: Sendable>(
        answer: @escaping Answer = { _ in (200, "{}") },
        _ body: @Sendable (_ port: Int, _ recorder: Recorder) async throws -> T
    ) async throws -> T {
        let recorder = Recorder()
        let router = Router()
        router.post("/twirp/{service}/{method}") { request, context -> Response in
            let bytes = try await request.body.collect(upTo: 1 << 20)
            let recorded = RecordedRequest(method: request.method, path: request.uri.path, headers: request.headers, body: Data(bytes.readableBytesView))
            await recorder.record(recorded)
            let (status, text) = answer(recorded)
            return Response(
                status: HTTPResponse.Status(code: status),
                headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: text))
            )
        }
        // Stopping by cancellation makes the server log errors that mean nothing here.
        var logger = Logger(label: "fake-livekit")
        logger.logLevel = .critical
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger
        )
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await app.runService(gracefulShutdownSignals: []) }
            defer { tasks.cancelAll() }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            return try await body(port, recorder)
        }
    }
}

import Hummingbird
import Logging

/// Logs one line per request: method, path without its query, status and duration.
///
/// Never logs headers or query strings: both can carry API keys and tokens (`?api_key=` is how
/// seed 002's WebSocket and Twilio webhook authenticate).
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = ParleyRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        context.logger.log(
            level: response.status.code >= 500 ? .error : .info,
            "\(request.method) \(request.uri.path) \(response.status.code)",
            metadata: [
                "duration_ms": "\(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)"
            ]
        )
        return response
    }
}

import Hummingbird
import Logging
import NIOCore
import ParleyCore

/// Turns every error into the one error shape, `{"detail": ..., "code": ...}`.
///
/// Errors that are not Parley's own are logged and answered as a generic 500, so no internal
/// detail (SQL, paths, secrets) reaches the caller.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ParleyError {
            return Self.response(for: error)
        } catch let error as HTTPError {
            return Self.response(for: Self.parleyError(for: error))
        } catch is NIOTooManyBytesError {
            return Self.response(for: .payloadTooLarge(limit: nil))
        } catch {
            context.logger.error("Unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            return Self.response(for: .internalError)
        }
    }

    static func parleyError(for error: HTTPError) -> ParleyError {
        switch error.status {
        case .notFound: .notFound("Not found")
        case .methodNotAllowed: .methodNotAllowed
        case .contentTooLarge: .payloadTooLarge(limit: nil)
        case .unsupportedMediaType: .unsupportedMediaType
        case .badRequest: .invalidJSON(error.body ?? "Bad request")
        default: .internalError
        }
    }

    static func response(for error: ParleyError) -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let retryAfter = error.retryAfter { headers[.retryAfter] = String(retryAfter) }
        let body = try! JSONCoding.encoder.encode(ErrorBody(detail: error.detail, code: error.machineCode))
        return Response(
            status: .init(code: error.status),
            headers: headers,
            body: .init(byteBuffer: ByteBuffer(bytes: body))
        )
    }
}

/// The error shape of DESIGN.md.
struct ErrorBody: Codable, Equatable {
    var detail: String
    var code: String
}

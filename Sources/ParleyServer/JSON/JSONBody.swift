import Foundation
import Hummingbird
import NIOCore
import NIOFoundationCompat
import ParleyCore

/// Reads a request's JSON body into a `Decodable`, turning every way it can be wrong into a
/// ``ParleyError`` that says what is wrong and where.
enum JSONBody {
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int) async throws -> T {
        guard isJSON(request.headers[.contentType]) else { throw ParleyError.unsupportedMediaType }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw ParleyError.payloadTooLarge(limit: limit)
        }
        guard buffer.readableBytes > 0 else { throw ParleyError.invalidJSON("Request body is empty") }
        do {
            return try JSONDecoder().decode(T.self, from: buffer)
        } catch let error as DecodingError {
            throw translate(error)
        }
    }

    /// `application/json` or any `+json` type, with or without parameters such as `charset`.
    static func isJSON(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let mediaType = contentType.prefix { $0 != ";" }.filter { $0 != " " && $0 != "\t" }.lowercased()
        return mediaType == "application/json" || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json"))
    }

    static func translate(_ error: DecodingError) -> ParleyError {
        switch error {
        case .keyNotFound(let key, let context):
            return .missingField(fieldPath(context.codingPath + [key]))
        case .typeMismatch(let type, let context) where !context.codingPath.isEmpty:
            return .invalidField(fieldPath(context.codingPath), "must be \(describe(type))")
        case .valueNotFound(let type, let context) where !context.codingPath.isEmpty:
            return .invalidField(fieldPath(context.codingPath), "must be \(describe(type)), not null")
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            return .invalidField(fieldPath(context.codingPath), "has a value out of range for its type")
        case .typeMismatch, .valueNotFound:
            return .invalidJSON("Request body must be a JSON object")
        case .dataCorrupted:
            return .invalidJSON()
        @unknown default:
            return .invalidJSON()
        }
    }

    private static func fieldPath(_ path: [any CodingKey]) -> String {
        path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Int64.Type: "an integer"
        case is Double.Type: "a number"
        case is [String: JSONValue].Type: "an object"
        default: "a valid value"
        }
    }
}

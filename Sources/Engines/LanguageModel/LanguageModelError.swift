/// Why a language model could not answer; ``description`` is safe to log and to show.
public struct LanguageModelError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Equatable {
        case unreachable(url: String)
        case rejected(status: Int, message: String)
        case failedMidStream(message: String)
        case malformedStream
        case truncated
    }

    private let code: Code

    /// No server answered at `url`: wrong base URL, server down, or the timeout passed.
    public static func unreachable(url: String) -> Self { Self(code: .unreachable(url: url)) }
    /// The server answered with an HTTP error; `message` is the server's own.
    public static func rejected(status: Int, message: String) -> Self { Self(code: .rejected(status: status, message: message)) }
    /// The server reported an error inside the stream.
    public static func failedMidStream(_ message: String) -> Self { Self(code: .failedMidStream(message: message)) }
    /// The stream was not the chat-completions event stream.
    public static let malformedStream = Self(code: .malformedStream)
    /// The stream ended before the model said it had finished.
    public static let truncated = Self(code: .truncated)

    /// Whether a new attempt might succeed: nothing answered, the server was busy or failed.
    var isTransient: Bool {
        switch code {
        case .unreachable: true
        case .rejected(let status, _): status == 429 || status >= 500
        case .failedMidStream, .malformedStream, .truncated: false
        }
    }

    public var description: String {
        switch code {
        case .unreachable(let url): "language model unreachable at \(url)"
        case .rejected(let status, let message): "language model refused the request (\(status)): \(message)"
        case .failedMidStream(let message): "language model failed mid-reply: \(message)"
        case .malformedStream: "language model sent a stream that is not chat-completions events"
        case .truncated: "language model stream ended before the reply was finished"
        }
    }
}

/// Why bytes are not a SIP message.
public struct SIPParseError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case tooLarge
        case noHeaderEnd
        case badStartLine
        case badVersion
        case badHeader
        case tooManyHeaders
        case badContentLength
        case truncatedBody
    }

    private let code: Code

    private init(_ code: Code) {
        self.code = code
    }

    /// Longer than a UDP datagram can be.
    public static let tooLarge = SIPParseError(.tooLarge)
    /// No empty line ends the header fields.
    public static let noHeaderEnd = SIPParseError(.noHeaderEnd)
    /// The first line is neither a request line nor a status line.
    public static let badStartLine = SIPParseError(.badStartLine)
    /// Not SIP/2.0.
    public static let badVersion = SIPParseError(.badVersion)
    /// A header line without a name and a colon.
    public static let badHeader = SIPParseError(.badHeader)
    /// More header fields than a message needs, or more `Via`, `Route` and `Record-Route` values.
    public static let tooManyHeaders = SIPParseError(.tooManyHeaders)
    /// `Content-Length` is not a number.
    public static let badContentLength = SIPParseError(.badContentLength)
    /// `Content-Length` promises more body than arrived.
    public static let truncatedBody = SIPParseError(.truncatedBody)

    public var description: String {
        switch code {
        case .tooLarge: "message too large"
        case .noHeaderEnd: "no end of header fields"
        case .badStartLine: "malformed start line"
        case .badVersion: "version not SIP/2.0"
        case .badHeader: "malformed header field"
        case .tooManyHeaders: "too many header fields"
        case .badContentLength: "malformed Content-Length"
        case .truncatedBody: "body shorter than Content-Length"
        }
    }
}

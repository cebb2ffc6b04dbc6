/// A SIP response: status, reason, header fields, body.
public struct SIPResponse: Sendable, Equatable {
    public var status: Int
    public var reason: String
    public var headers: SIPHeaders
    public var body: [UInt8]

    public init(status: Int, reason: String? = nil, headers: SIPHeaders, body: [UInt8] = []) {
        self.status = status
        self.reason = reason ?? Self.reason(for: status)
        self.headers = headers
        self.body = body
    }

    /// The response as sent on the wire, `Content-Length` counted from the body.
    public var bytes: [UInt8] {
        SIPMessage.wire(startLine: "SIP/2.0 \(status) \(reason)", headers: headers, body: body)
    }

    /// 1xx: the request goes on.
    public var isProvisional: Bool { status < 200 }

    /// RFC 3261's reason phrases for the statuses Parley sends.
    public static func reason(for status: Int) -> String {
        switch status {
        case 100: "Trying"
        case 180: "Ringing"
        case 183: "Session Progress"
        case 200: "OK"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 407: "Proxy Authentication Required"
        case 408: "Request Timeout"
        case 415: "Unsupported Media Type"
        case 420: "Bad Extension"
        case 480: "Temporarily Unavailable"
        case 481: "Call/Transaction Does Not Exist"
        case 482: "Loop Detected"
        case 483: "Too Many Hops"
        case 486: "Busy Here"
        case 487: "Request Terminated"
        case 488: "Not Acceptable Here"
        case 491: "Request Pending"
        case 500: "Server Internal Error"
        case 501: "Not Implemented"
        case 503: "Service Unavailable"
        case 505: "Version Not Supported"
        case 603: "Decline"
        default: "Unknown"
        }
    }
}

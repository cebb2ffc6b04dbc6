/// A SIP request: method, Request-URI, header fields, body.
public struct SIPRequest: Sendable, Equatable {
    public var method: SIPMethod
    public var uri: SIPURI
    public var headers: SIPHeaders
    public var body: [UInt8]

    public init(method: SIPMethod, uri: SIPURI, headers: SIPHeaders, body: [UInt8] = []) {
        self.method = method
        self.uri = uri
        self.headers = headers
        self.body = body
    }

    /// The request as sent on the wire, `Content-Length` counted from the body.
    public var bytes: [UInt8] {
        SIPMessage.wire(startLine: "\(method) \(uri) SIP/2.0", headers: headers, body: body)
    }
}

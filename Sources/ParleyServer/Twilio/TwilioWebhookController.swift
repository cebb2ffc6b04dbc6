import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ParleyCore

/// `POST /api/twilio/voice?api_key=…&agent_id=…` (seed 002): the webhook a Twilio number calls
/// when someone rings it. Answers TwiML that connects the call to `/ws/twilio/stream`, with the
/// key, the agent and the call's numbers as the stream's parameters.
///
/// The key and the agent are checked here too, so that a misconfigured number fails in Twilio's
/// console (an HTTP error) rather than in a silent stream. When the organisation has stored its
/// Twilio auth token, the request must carry Twilio's signature for it (403 otherwise).
struct TwilioWebhookController: Sendable {
    let admission: VoiceCallAdmission
    let store: any Store
    let maxBodyBytes: Int

    func addRoutes(to router: Router<ParleyRequestContext>) {
        router.post("api/twilio/voice", use: voice)
    }

    @Sendable func voice(_ request: Request, context: ParleyRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let apiKey = query.get("api_key").flatMap { $0.isEmpty ? nil : $0 }
        let agentID: UUID?
        if let raw = query.get("agent_id"), !raw.isEmpty {
            guard let id = UUID(uuidString: raw) else { throw ParleyError.agentNotFound }
            agentID = id
        } else {
            agentID = nil
        }
        let (caller, agent) = try await admission.announcedCall(apiKey: apiKey, agentID: agentID)
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: maxBodyBytes)
        } catch is NIOTooManyBytesError {
            throw ParleyError.payloadTooLarge(limit: maxBodyBytes)
        }
        let fields = FormFields.parse(String(buffer: body))
        if let authToken = try await store.twilioAuthToken(organizationID: caller.organizationID) {
            let url = Self.publicURL(scheme: Self.scheme(of: request, secure: "https", plain: "http"), request: request)
            guard TwilioSignature.isValid(request.headers[Self.signature], authToken: authToken, url: url, parameters: fields) else {
                throw ParleyError.invalidTwilioSignature
            }
        }

        func field(_ name: String) -> String? { fields.first { $0.name == name }?.value }
        var parameters: [(name: String, value: String)] = [("api_key", apiKey ?? ""), ("agent_id", agent.id.lowercasedString)]
        for (twilioName, name) in [("From", "from"), ("To", "to"), ("CallSid", "call_sid")] {
            if let value = field(twilioName) { parameters.append((name, value)) }
        }
        let streamURL = "\(Self.scheme(of: request, secure: "wss", plain: "ws"))://\(request.head.authority ?? "localhost")/ws/twilio/stream"
        let twiml = TwiML.connectStream(url: streamURL, parameters: parameters)
        return Response(status: .ok, headers: [.contentType: "text/xml; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: twiml)))
    }

    private static let signature = HTTPField.Name("X-Twilio-Signature")!
    private static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!

    /// Twilio calls over TLS (and its streams need `wss`): the secure scheme, unless a proxy says
    /// the request came over plain HTTP.
    private static func scheme(of request: Request, secure: String, plain: String) -> String {
        request.headers[forwardedProto] == "http" ? plain : secure
    }

    /// The URL Twilio requested, as it signed it: this server's host, the path and the query.
    private static func publicURL(scheme: String, request: Request) -> String {
        "\(scheme)://\(request.head.authority ?? "localhost")\(request.uri.string)"
    }
}

import Foundation
import HTTPTypes
import Hummingbird
import ParleyCore

/// `POST /api/twilio/voice?api_key=…&agent_id=…` (seed 002): the webhook a Twilio number calls
/// when someone rings it. Answers TwiML that connects the call to `/ws/twilio/stream`, with the
/// key, the agent and the call's numbers as the stream's parameters.
///
/// The key and the agent are checked here too, so that a misconfigured number fails in Twilio's
/// console (an HTTP error) rather than in a silent stream.
struct TwilioWebhookController: Sendable {
    let admission: VoiceCallAdmission
    let maxBodyBytes: Int

    /// The form fields of Twilio's request that Parley uses.
    struct CallFields: Decodable {
        var CallSid: String?
        var From: String?
        var To: String?
    }

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
        let agent = try await admission.announcedAgent(apiKey: apiKey, agentID: agentID)
        let body = try await request.body.collect(upTo: maxBodyBytes)
        let fields = (try? URLEncodedFormDecoder().decode(CallFields.self, from: String(buffer: body))) ?? CallFields()

        var parameters: [(name: String, value: String)] = [("api_key", apiKey ?? ""), ("agent_id", agent.id.lowercasedString)]
        if let from = fields.From { parameters.append(("from", from)) }
        if let to = fields.To { parameters.append(("to", to)) }
        if let callSid = fields.CallSid { parameters.append(("call_sid", callSid)) }
        let twiml = TwiML.connectStream(url: Self.streamURL(for: request), parameters: parameters)
        return Response(status: .ok, headers: [.contentType: "text/xml; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: twiml)))
    }

    private static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!

    /// Where Twilio is to open the stream: this server, as the request reached it. Twilio needs
    /// `wss`; plain `ws` only when a proxy says the request came over plain HTTP.
    static func streamURL(for request: Request) -> String {
        let host = request.head.authority ?? "localhost"
        let scheme = request.headers[Self.forwardedProto] == "http" ? "ws" : "wss"
        return "\(scheme)://\(host)/ws/twilio/stream"
    }
}

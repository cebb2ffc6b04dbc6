import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ParleyCore

/// Twilio's voice webhooks, which a Twilio number calls when someone rings it: `POST
/// /api/twilio/voice?api_key=…&agent_id=…` (seed 002) and `POST /webhooks/twilio/voice/{WORKSPACE_ID}`
/// (seed 000). Each answers TwiML that connects the call to `/ws/twilio/stream`, with what admits
/// the stream and the call's numbers as the stream's parameters.
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
        router.post("webhooks/twilio/voice/{workspace}", use: workspaceVoice)
    }

    /// `POST /webhooks/twilio/voice/{WORKSPACE_ID}` (seed 000): no key; the request must carry
    /// Twilio's signature for the organisation's stored auth token, and the number called (`To`)
    /// picks the agent through the organisation's agent channels. The stream is admitted by a
    /// ticket signed with the same token (``TwilioStreamTicket``).
    @Sendable func workspaceVoice(_ request: Request, context: ParleyRequestContext) async throws -> Response {
        guard let organizationID = context.parameters.get("workspace", as: UUID.self),
            try await store.organization(id: organizationID) != nil
        else { throw ParleyError.notFound("Workspace not found") }
        let (fields, authToken) = try await signedFields(request, organizationID: organizationID)
        // Only a signed request may come this far: without a token nothing could be checked.
        guard let token = authToken else { throw ParleyError.invalidTwilioSignature }
        guard let to = fields.first(where: { $0.name == "To" })?.value,
            let channel = try await store.agentChannel(phoneNumber: to, organizationID: organizationID)
        else { throw ParleyError.notFound("No agent answers the number called") }
        let agent = try await admission.announcedAgent(channel.agentID, organizationID: organizationID)
        let ticket = TwilioStreamTicket(
            organizationID: organizationID, agentID: agent.id,
            expires: Int(Date().timeIntervalSince1970 + TwilioStreamTicket.lifetime)
        )
        return Self.connect(request, fields: fields, parameters: ticket.parameters + [("ticket", ticket.signature(authToken: token))])
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
        let (fields, _) = try await signedFields(request, organizationID: caller.organizationID)
        return Self.connect(request, fields: fields, parameters: [("api_key", apiKey ?? ""), ("agent_id", agent.id.lowercasedString)])
    }

    /// The request's form fields, once its `X-Twilio-Signature` is checked against the
    /// organisation's stored auth token, and that token (`nil` when none is stored, and nothing
    /// was checked).
    private func signedFields(_ request: Request, organizationID: UUID) async throws -> (fields: [(name: String, value: String)], authToken: String?) {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: maxBodyBytes)
        } catch is NIOTooManyBytesError {
            throw ParleyError.payloadTooLarge(limit: maxBodyBytes)
        }
        let fields = FormFields.parse(String(buffer: body))
        guard let authToken = try await store.twilioAuthToken(organizationID: organizationID) else { return (fields, nil) }
        let url = Self.publicURL(scheme: Self.scheme(of: request, secure: "https", plain: "http"), request: request)
        guard TwilioSignature.isValid(request.headers[Self.signature], authToken: authToken, url: url, parameters: fields) else {
            throw ParleyError.invalidTwilioSignature
        }
        return (fields, authToken)
    }

    /// TwiML connecting the call to this server's stream, with `parameters` and the call's numbers.
    private static func connect(_ request: Request, fields: [(name: String, value: String)], parameters: [(name: String, value: String)]) -> Response {
        var parameters = parameters
        for (twilioName, name) in [("From", "from"), ("To", "to"), ("CallSid", "call_sid")] {
            if let value = fields.first(where: { $0.name == twilioName })?.value { parameters.append((name, value)) }
        }
        let streamURL = "\(scheme(of: request, secure: "wss", plain: "ws"))://\(request.head.authority ?? "localhost")/ws/twilio/stream"
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

import Foundation
import Hummingbird
import ParleyCore

/// A call in listings.
struct CallResponse: Encodable {
    let call: Call

    enum CodingKeys: String, CodingKey {
        case id, transport, status
        case agentID = "agent_id"
        case startedAt = "started_at"
        case endedAt = "ended_at"
        case durationSeconds = "duration_seconds"
        case phone, dtmf
    }

    /// The telephone side of a phone call: the carrier's call id (Twilio's `CallSid`, SIP's
    /// `Call-ID`) and the numbers.
    struct Phone: Encodable {
        let line: PhoneLine

        enum CodingKeys: String, CodingKey {
            case callID = "call_id"
            case from, to
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(line.callID, forKey: .callID)
            try c.encode(line.from, forKey: .from)
            try c.encode(line.to, forKey: .to)
        }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(call.id.lowercasedString, forKey: .id)
        try c.encode(call.agentID.lowercasedString, forKey: .agentID)
        try c.encode(call.transport, forKey: .transport)
        try c.encode(call.status, forKey: .status)
        try c.encode(call.startedAt, forKey: .startedAt)
        try c.encode(call.endedAt, forKey: .endedAt)
        try c.encode(call.durationSeconds, forKey: .durationSeconds)
        try c.encode(call.line.map(Phone.init(line:)), forKey: .phone)
        try c.encode(call.digits, forKey: .dtmf)
    }
}

/// `GET /api/dashboard/calls`: newest first; pass `next_cursor` back as `cursor` for the next page.
struct CallListResponse: ResponseEncodable {
    let calls: [CallResponse]
    let nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case calls
        case nextCursor = "next_cursor"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(calls, forKey: .calls)
        try c.encode(nextCursor, forKey: .nextCursor)
    }
}

/// `GET /api/dashboard/calls/{id}`: the call and its transcript.
struct CallDetailResponse: ResponseEncodable {
    let call: CallResponse
    let transcript: [TurnResponse]

    func encode(to encoder: any Encoder) throws {
        try call.encode(to: encoder)
        var c = encoder.container(keyedBy: AnyCodingKey.self)
        try c.encode(transcript, forKey: AnyCodingKey(stringValue: "transcript"))
    }
}

/// One transcript turn; `latency` is `null` where the pipeline did not measure one.
struct TurnResponse: Encodable {
    let turn: CallTurn

    enum CodingKeys: String, CodingKey {
        case role, text, at, latency
    }

    enum LatencyKeys: String, CodingKey {
        case transcriptMs = "transcript_ms"
        case firstTokenMs = "first_token_ms"
        case firstAudioMs = "first_audio_ms"
        case firstByteSentMs = "first_byte_sent_ms"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(turn.role, forKey: .role)
        try c.encode(turn.text, forKey: .text)
        try c.encode(turn.at, forKey: .at)
        guard let latency = turn.latency else {
            try c.encodeNil(forKey: .latency)
            return
        }
        var l = c.nestedContainer(keyedBy: LatencyKeys.self, forKey: .latency)
        try l.encode(latency.transcriptMs, forKey: .transcriptMs)
        try l.encode(latency.firstTokenMs, forKey: .firstTokenMs)
        try l.encode(latency.firstAudioMs, forKey: .firstAudioMs)
        try l.encode(latency.firstByteSentMs, forKey: .firstByteSentMs)
    }
}

/// `GET /api/dashboard/stats`.
struct StatsResponse: ResponseEncodable {
    let calls: Int
    let minutes: Double
    let activeCalls: Int
    let creditsBalance: Int64

    enum CodingKeys: String, CodingKey {
        case calls, minutes
        case activeCalls = "active_calls"
        case creditsBalance = "credits_balance"
    }

    init(_ stats: OrganizationStats) {
        calls = stats.totalCalls
        minutes = (stats.totalMinutes * 100).rounded() / 100
        activeCalls = stats.activeCalls
        creditsBalance = stats.creditBalance
    }
}

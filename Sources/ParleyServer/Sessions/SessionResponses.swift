import Hummingbird

/// Seed 000: `{token, url, room_name}`.
struct ConversationTokenResponse: ResponseEncodable {
    let token: String
    let url: String
    let roomName: String

    enum CodingKeys: String, CodingKey {
        case token, url
        case roomName = "room_name"
    }
}

/// Seed 001: `{room_name, token, livekit_url, agent_name}`.
struct VoiceSessionResponse: ResponseEncodable {
    let roomName: String
    let token: String
    let liveKitURL: String
    let agentName: String

    enum CodingKeys: String, CodingKey {
        case token
        case roomName = "room_name"
        case liveKitURL = "livekit_url"
        case agentName = "agent_name"
    }
}

/// Seed 003: `{token, room_name, agent_name, connection_url}`.
struct WebRTCTokenResponse: ResponseEncodable {
    let token: String
    let roomName: String
    let agentName: String
    let connectionURL: String

    enum CodingKeys: String, CodingKey {
        case token
        case roomName = "room_name"
        case agentName = "agent_name"
        case connectionURL = "connection_url"
    }
}

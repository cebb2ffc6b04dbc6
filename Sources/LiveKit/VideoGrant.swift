/// LiveKit's `video` grant: what the bearer of a token may do in which room.
///
/// Absent fields are left out of the token (LiveKit then applies its defaults).
public struct VideoGrant: Sendable, Equatable, Codable {
    public var roomJoin: Bool?
    public var room: String?
    public var canPublish: Bool?
    public var canSubscribe: Bool?
    public var canPublishData: Bool?
    public var roomCreate: Bool?
    public var roomAdmin: Bool?
    public var agent: Bool?

    public init(
        roomJoin: Bool? = nil,
        room: String? = nil,
        canPublish: Bool? = nil,
        canSubscribe: Bool? = nil,
        canPublishData: Bool? = nil,
        roomCreate: Bool? = nil,
        roomAdmin: Bool? = nil,
        agent: Bool? = nil
    ) {
        self.roomJoin = roomJoin
        self.room = room
        self.canPublish = canPublish
        self.canSubscribe = canSubscribe
        self.canPublishData = canPublishData
        self.roomCreate = roomCreate
        self.roomAdmin = roomAdmin
        self.agent = agent
    }

    /// A participant grant: join `room`, publish and subscribe, and publish data only where allowed.
    public static func participant(room: String, canPublishData: Bool) -> VideoGrant {
        VideoGrant(roomJoin: true, room: room, canPublish: true, canSubscribe: true, canPublishData: canPublishData)
    }
}

/// The claims of a LiveKit access token, as LiveKit's own SDKs write them.
public struct AccessTokenClaims: Sendable, Equatable, Codable {
    /// The LiveKit API key.
    public var iss: String
    /// The participant identity.
    public var sub: String?
    public var nbf: Int64
    public var exp: Int64
    /// A unique token id, so a token can be made single-use.
    public var jti: String?
    /// The participant's display name.
    public var name: String?
    public var metadata: String?
    public var video: VideoGrant?
    public var roomConfig: RoomConfiguration?

    public init(
        iss: String,
        sub: String?,
        nbf: Int64,
        exp: Int64,
        jti: String? = nil,
        name: String? = nil,
        metadata: String? = nil,
        video: VideoGrant? = nil,
        roomConfig: RoomConfiguration? = nil
    ) {
        self.iss = iss
        self.sub = sub
        self.nbf = nbf
        self.exp = exp
        self.jti = jti
        self.name = name
        self.metadata = metadata
        self.video = video
        self.roomConfig = roomConfig
    }
}

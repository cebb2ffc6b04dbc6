/// The API key and secret a LiveKit deployment shares with Parley: tokens are signed with them.
public struct LiveKitCredentials: Sendable, Equatable {
    public var apiKey: String
    public var apiSecret: String

    public init(apiKey: String, apiSecret: String) {
        self.apiKey = apiKey
        self.apiSecret = apiSecret
    }
}

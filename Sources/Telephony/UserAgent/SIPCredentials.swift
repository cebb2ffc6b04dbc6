/// A user name and password for digest authentication towards a trunk that asks for it.
public struct SIPCredentials: Sendable, Equatable {
    public var username: String
    public var password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }
}

/// Which way a media stream flows, from the describing side's point of view (RFC 3264 §5.1).
public enum MediaDirection: String, Sendable, Equatable {
    case sendrecv, sendonly, recvonly, inactive

    /// The direction an answer gives a stream offered this way.
    public var answered: MediaDirection {
        switch self {
        case .sendrecv: .sendrecv
        case .sendonly: .recvonly
        case .recvonly: .sendonly
        case .inactive: .inactive
        }
    }
}

/// Why a session description cannot be read or answered.
public struct SDPError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case malformed(String)
        case noAudio
        case noCommonCodec
        case noAddress
    }

    private let code: Code

    private init(_ code: Code) {
        self.code = code
    }

    /// A line that is not `x=value`, or a value that does not read.
    public static func malformed(_ line: String) -> SDPError { SDPError(.malformed(line)) }
    /// No audio stream Parley could take (none offered, all refused with port 0, or not RTP/AVP).
    public static let noAudio = SDPError(.noAudio)
    /// The audio stream offers neither PCMU nor PCMA.
    public static let noCommonCodec = SDPError(.noCommonCodec)
    /// No `c=` line says where to send the audio.
    public static let noAddress = SDPError(.noAddress)

    public var description: String {
        switch code {
        case .malformed(let line): "malformed SDP line: \(line.prefix(80))"
        case .noAudio: "no RTP/AVP audio stream"
        case .noCommonCodec: "no common codec (Parley takes PCMU and PCMA)"
        case .noAddress: "no connection address"
        }
    }
}

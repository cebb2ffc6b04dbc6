/// Audio in a form Parley cannot convert, or a codec that could not convert it.
public struct AudioFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Equatable {
        case unsupportedSampleRate(Int)
        case unsupportedBitrate(Int)
        case notMP3
        case mp3CodecFailed(Int)
        case mp3EncoderOutOfStep
    }

    private let code: Code

    /// A sample rate that is not a positive number of hertz, or one the codec has no frames for.
    public static func unsupportedSampleRate(_ rate: Int) -> Self { Self(code: .unsupportedSampleRate(rate)) }

    /// An MP3 bitrate (kbit/s) that MPEG audio has no frame size for at the chosen sample rate.
    public static func unsupportedBitrate(_ kbps: Int) -> Self { Self(code: .unsupportedBitrate(kbps)) }

    /// Bytes in which the MP3 decoder found no MPEG audio frame.
    public static let notMP3 = Self(code: .notMP3)

    /// libmp3lame's encoder or decoder failed (its negative status: -2 out of memory, -3 not
    /// initialised, -4 psychoacoustic failure), which valid input should never cause.
    public static func mp3CodecFailed(_ status: Int) -> Self { Self(code: .mp3CodecFailed(status)) }

    /// libmp3lame does not buffer samples as the LAME 3.100 that ``MP3Encoder`` was built on does,
    /// so its handles cannot be brought back to a clean state between sentences.
    public static let mp3EncoderOutOfStep = Self(code: .mp3EncoderOutOfStep)

    public var description: String {
        switch code {
        case .unsupportedSampleRate(let rate): "unsupported sample rate: \(rate) Hz"
        case .unsupportedBitrate(let kbps): "unsupported MP3 bitrate: \(kbps) kbit/s"
        case .notMP3: "no MPEG audio frame in the data"
        case .mp3CodecFailed(let status): "libmp3lame failed with status \(status)"
        case .mp3EncoderOutOfStep: "libmp3lame buffers samples unlike LAME 3.100; its handles cannot be reused"
        }
    }
}

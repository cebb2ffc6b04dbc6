/// Audio in a form Parley cannot convert.
public struct AudioFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Equatable {
        case unsupportedSampleRate(Int)
    }

    private let code: Code

    /// A sample rate that is not a positive number of hertz.
    public static func unsupportedSampleRate(_ rate: Int) -> Self { Self(code: .unsupportedSampleRate(rate)) }

    public var description: String {
        switch code {
        case .unsupportedSampleRate(let rate): "unsupported sample rate: \(rate) Hz"
        }
    }
}

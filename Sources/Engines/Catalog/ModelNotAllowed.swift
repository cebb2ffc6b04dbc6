/// The language model an agent would get is not among the configured allowed models
/// (``EngineConfiguration/allowedModels``): the call is refused rather than given another.
public struct ModelNotAllowed: Error, Sendable, Equatable, CustomStringConvertible {
    public let model: String

    public init(model: String) {
        self.model = model
    }

    public var description: String { "the language model '\(model)' is not allowed on this server" }
}

import Foundation

extension UUID {
    /// The form Parley shows and stores everywhere: lowercase and hyphenated.
    public var lowercasedString: String { uuidString.lowercased() }
}

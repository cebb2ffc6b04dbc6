import Foundation
import Hummingbird

extension Request {
    /// The top-level fields of a JSON object body, each value as text (`"120"`, `"1"` for true),
    /// or none when the body is not a JSON object: how the fake servers record what they received.
    public func jsonFields() async throws -> [String: any Sendable] {
        let data = try await body.collect(upTo: 1 << 20)
        let object = (try? JSONSerialization.jsonObject(with: Data(data.readableBytesView)) as? [String: Any]) ?? [:]
        return object.mapValues { "\($0)" }
    }
}

import Foundation

/// The fields of an `application/x-www-form-urlencoded` body, in order, decoded (`+` is a
/// space); a name may come more than once.
enum FormFields {
    static func parse(_ body: String) -> [(name: String, value: String)] {
        var components = URLComponents()
        components.percentEncodedQuery = body.replacingOccurrences(of: "+", with: "%20")
        return (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }
    }
}

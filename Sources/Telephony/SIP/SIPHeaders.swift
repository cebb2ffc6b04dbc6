/// A SIP message's header fields in the order they came, looked up without regard to case and
/// with the compact forms (`v`, `f`, `t`, `i`, …) read as their full names.
public struct SIPHeaders: Sendable, Equatable, Sequence {
    public private(set) var fields: [(name: String, value: String)] = []

    public init() {}

    public init(_ fields: [(String, String)]) {
        for (name, value) in fields { add(name, value) }
    }

    /// The first value of `name`, if any.
    public subscript(_ name: String) -> String? {
        let key = Self.canonical(name).lowercased()
        return fields.first { $0.name.lowercased() == key }?.value
    }

    /// Every value of `name`, split where a field holds a comma-separated list (as `Via` may).
    public func values(_ name: String) -> [String] {
        let key = Self.canonical(name).lowercased()
        return fields.filter { $0.name.lowercased() == key }.flatMap { SIPText.splitList($0.value) }
    }

    /// Appends a field.
    public mutating func add(_ name: String, _ value: String) {
        fields.append((Self.canonical(name), value))
    }

    /// Replaces every field called `name` with one holding `value`, where the first one stood.
    public mutating func set(_ name: String, _ value: String) {
        let canonical = Self.canonical(name)
        let key = canonical.lowercased()
        if let first = fields.firstIndex(where: { $0.name.lowercased() == key }) {
            fields[first].value = value
            fields = fields.enumerated().filter { $0.offset == first || $0.element.name.lowercased() != key }.map(\.element)
        } else {
            fields.append((canonical, value))
        }
    }

    /// Removes every field called `name`.
    public mutating func remove(_ name: String) {
        let key = Self.canonical(name).lowercased()
        fields.removeAll { $0.name.lowercased() == key }
    }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        fields.makeIterator()
    }

    public static func == (lhs: SIPHeaders, rhs: SIPHeaders) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
    }

    /// RFC 3261 §7.3.3's compact forms, and its spelling of the names Parley writes.
    private static func canonical(_ name: String) -> String {
        switch name.lowercased() {
        case "v", "via": "Via"
        case "f", "from": "From"
        case "t", "to": "To"
        case "i", "call-id": "Call-ID"
        case "m", "contact": "Contact"
        case "l", "content-length": "Content-Length"
        case "c", "content-type": "Content-Type"
        case "k", "supported": "Supported"
        case "s", "subject": "Subject"
        case "e", "content-encoding": "Content-Encoding"
        case "cseq": "CSeq"
        default: name
        }
    }
}

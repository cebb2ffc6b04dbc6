import ParleyCore

/// A coding key for any field name, used to see every key a JSON object carries.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
    }

    init?(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}

extension Decoder {
    /// Refuses a JSON object that carries a field not among `Keys`, naming the first one.
    func rejectUnknownKeys<Keys: CodingKey & CaseIterable>(_ keys: Keys.Type) throws {
        try rejectUnknownKeys(allowing: Set(Keys.allCases.map(\.stringValue)))
    }

    /// Refuses a JSON object that carries a field not in `known`, naming the first one.
    func rejectUnknownKeys(allowing known: Set<String>) throws {
        let present = try container(keyedBy: AnyCodingKey.self).allKeys
        if let unknown = present.map(\.stringValue).sorted().first(where: { !known.contains($0) }) {
            throw ParleyError.unknownField(unknown)
        }
    }
}

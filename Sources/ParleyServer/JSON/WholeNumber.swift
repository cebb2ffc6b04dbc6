import ParleyCore

/// An integer field that says so when it is sent a fraction: Foundation's decoder reports
/// `12.5` for an `Int` as corrupt JSON without naming the field.
struct WholeNumber: Codable, Equatable {
    let value: Int

    init(_ value: Int) {
        self.value = value
    }

    init(from decoder: any Decoder) throws {
        let number = try decoder.singleValueContainer().decode(Double.self)
        guard number.rounded() == number, abs(number) <= Double(Int32.max) else {
            let field = decoder.codingPath.last?.stringValue ?? "value"
            throw ParleyError.invalidField(field, "must be an integer")
        }
        value = Int(number)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

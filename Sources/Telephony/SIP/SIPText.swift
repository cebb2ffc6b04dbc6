/// Small pieces of SIP's grammar shared by the header parsers.
enum SIPText {
    /// Splits a header value at commas outside quotes and angle brackets.
    static func splitList(_ value: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var quoted = false
        var angled = false
        var escaped = false
        for character in value {
            if escaped {
                escaped = false
            } else if quoted, character == "\\" {
                escaped = true
            } else if character == "\"" {
                quoted.toggle()
            } else if !quoted, character == "<" {
                angled = true
            } else if !quoted, character == ">" {
                angled = false
            } else if !quoted, !angled, character == "," {
                parts.append(current.trimmingSpaces)
                current = ""
                continue
            }
            current.append(character)
        }
        parts.append(current.trimmingSpaces)
        return parts.filter { !$0.isEmpty }
    }

    /// `;name=value;flag` parameters, names lowercased; a flag's value is the empty string.
    static func parameters(_ text: Substring) -> [String: String] {
        var parameters: [String: String] = [:]
        for part in text.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard let name = pair.first?.trimmingSpaces, !name.isEmpty else { continue }
            parameters[name.lowercased()] = pair.count > 1 ? pair[1].trimmingSpaces : ""
        }
        return parameters
    }
}

extension StringProtocol {
    /// The text without the spaces and tabs around it.
    var trimmingSpaces: String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return String(slice)
    }
}

/// Validation of the BCP 47 subset Parley accepts: a 2–3 letter language, optionally a region or
/// script (`en`, `en-US`, `zh-Hans`).
public enum LanguageTag {
    public static func isValid(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count),
            (2...3).contains(parts[0].count), parts[0].allSatisfy({ $0.isASCII && $0.isLowercase })
        else { return false }
        guard parts.count == 2 else { return true }
        return (2...4).contains(parts[1].count) && parts[1].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }
}

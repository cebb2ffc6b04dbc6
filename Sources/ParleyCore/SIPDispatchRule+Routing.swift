import Foundation

extension SIPDispatchRule {
    /// The rule that answers a call to `calledNumber` (the request URI's user part, say) that came in
    /// on the trunk `trunkID`, from `rules` (the trunk's organisation's).
    ///
    /// The most specific rule that matches wins: one naming both the number and the trunk, then one
    /// naming only the number, then one naming only the trunk, then a catch-all naming neither. A
    /// rule naming another number or another trunk never matches. Numbers are compared without a
    /// leading `+` or visual separators (``normalizedNumber(_:)``). Among equals the oldest wins.
    public static func route(calledNumber: String, trunkID: UUID, rules: [SIPDispatchRule]) -> SIPDispatchRule? {
        let called = normalizedNumber(calledNumber)
        let matches = rules.compactMap { rule in rule.specificity(calledNumber: called, trunkID: trunkID).map { (rule, $0) } }
        return matches.min { a, b in a.1 != b.1 ? a.1 > b.1 : a.0.isOlder(than: b.0) }?.0
    }

    /// 3 for number and trunk, 2 for the number only, 1 for the trunk only, 0 for neither; `nil`
    /// when the rule names another number or trunk. `calledNumber` is normalised.
    private func specificity(calledNumber called: String, trunkID: UUID) -> Int? {
        if let ruleTrunk = self.trunkID, ruleTrunk != trunkID { return nil }
        if let calledNumber, Self.normalizedNumber(calledNumber) != called { return nil }
        return (calledNumber == nil ? 0 : 2) + (self.trunkID == nil ? 0 : 1)
    }

    /// Creation order, as the stores list rules.
    private func isOlder(than other: SIPDispatchRule) -> Bool {
        (createdAt, id.lowercasedString) < (other.createdAt, other.id.lowercasedString)
    }
}

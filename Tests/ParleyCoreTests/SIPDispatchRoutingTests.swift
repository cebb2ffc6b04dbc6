import Foundation
import ParleyCore
import Testing

@Suite struct SIPDispatchRoutingTests {
    let organization = UUID()
    let trunk = UUID()
    let otherTrunk = UUID()
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func rule(_ number: String?, _ trunkID: UUID?, age: Int = 0) -> SIPDispatchRule {
        SIPDispatchRule(
            organizationID: organization, calledNumber: number, trunkID: trunkID, agentID: UUID(),
            createdAt: start.addingTimeInterval(Double(age))
        )
    }

    @Test func theMostSpecificMatchWins() {
        let catchAll = rule(nil, nil)
        let trunkOnly = rule(nil, trunk, age: 1)
        let numberOnly = rule("+15550001111", nil, age: 2)
        let both = rule("+15550001111", trunk, age: 3)
        var rules = [catchAll, trunkOnly, numberOnly, both]
        #expect(SIPDispatchRule.route(calledNumber: "+15550001111", trunkID: trunk, rules: rules) == both)
        rules.removeLast()
        #expect(SIPDispatchRule.route(calledNumber: "+15550001111", trunkID: trunk, rules: rules) == numberOnly)
        rules.removeLast()
        #expect(SIPDispatchRule.route(calledNumber: "+15550001111", trunkID: trunk, rules: rules) == trunkOnly)
        rules.removeLast()
        #expect(SIPDispatchRule.route(calledNumber: "+15550001111", trunkID: trunk, rules: rules) == catchAll)
        #expect(SIPDispatchRule.route(calledNumber: "+15550001111", trunkID: trunk, rules: []) == nil)
    }

    @Test func aRuleForAnotherNumberOrTrunkNeverMatches() {
        let rules = [rule("+15550002222", nil), rule(nil, otherTrunk), rule("+15550001111", otherTrunk), rule("+15550002222", trunk)]
        #expect(SIPDispatchRule.route(calledNumber: "+15550001111", trunkID: trunk, rules: rules) == nil)
        let catchAll = rule(nil, nil, age: 9)
        #expect(SIPDispatchRule.route(calledNumber: "+15550001111", trunkID: trunk, rules: rules + [catchAll]) == catchAll)
    }

    @Test func numbersCompareWithoutPlusOrSeparators() {
        let sales = rule("+1 (555) 000-1111", nil)
        #expect(SIPDispatchRule.route(calledNumber: "15550001111", trunkID: trunk, rules: [sales]) == sales)
        #expect(SIPDispatchRule.route(calledNumber: "+1.555.000.1111", trunkID: trunk, rules: [sales]) == sales)
        #expect(SIPDispatchRule.route(calledNumber: "+15550001112", trunkID: trunk, rules: [sales]) == nil)
        let extensionRule = rule("1000", trunk)
        #expect(SIPDispatchRule.route(calledNumber: "1000", trunkID: trunk, rules: [extensionRule]) == extensionRule)
        #expect(SIPDispatchRule.normalizedNumber("+44 20 7946-0000") == "442079460000")
    }

    @Test func theOldestWinsATie() {
        let newer = rule("+15550001111", trunk, age: 5)
        let older = rule("15550001111", trunk, age: 1)
        #expect(SIPDispatchRule.route(calledNumber: "+15550001111", trunkID: trunk, rules: [newer, older]) == older)
        #expect(SIPDispatchRule.route(calledNumber: "+15550001111", trunkID: trunk, rules: [older, newer]) == older)
    }

    @Test(arguments: [("+15550001111", true), ("1000", true), ("*98#", true), ("+1 (555) 000-1111", true), ("", false), ("+", false),
                      ("++15550001111", false), ("alice", false), (String(repeating: "1", count: 33), false)])
    func calledNumbers(_ text: String, _ valid: Bool) {
        #expect(SIPDispatchRule.isCalledNumber(text) == valid)
    }
}

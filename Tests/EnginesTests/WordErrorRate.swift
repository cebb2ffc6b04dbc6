/// Word error rate after normalising case, punctuation and number words, for checking transcripts.
enum WordErrorRate {
    static func between(reference: String, hypothesis: String) -> Double {
        let expected = words(reference)
        let heard = words(hypothesis)
        guard !expected.isEmpty else { return heard.isEmpty ? 0 : 1 }
        // Levenshtein distance over words.
        var previous = Array(0...heard.count)
        for (i, word) in expected.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: heard.count)
            for (j, other) in heard.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (word == other ? 0 : 1))
            }
            previous = current
        }
        return Double(previous[heard.count]) / Double(expected.count)
    }

    private static let numbers = ["0": "zero", "1": "one", "2": "two", "3": "three", "4": "four", "5": "five", "6": "six",
                                  "7": "seven", "8": "eight", "9": "nine", "10": "ten", "11": "eleven", "12": "twelve"]

    static func words(_ text: String) -> [String] {
        text.lowercased()
            .map { $0.isLetter || $0.isNumber || $0 == "'" ? $0 : " " }
            .split(separator: " ")
            .map { numbers[String($0)] ?? String($0) }
    }
}

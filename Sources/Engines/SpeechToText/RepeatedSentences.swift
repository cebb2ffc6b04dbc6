/// Whisper's decoder sometimes loops on a short utterance, saying the same sentence over and
/// over ("What is 2 plus 2? What is 2 plus 2? …") until its token budget runs out. Nobody says a
/// sentence twice in a row in one breath: consecutive repeats are dropped.
enum RepeatedSentences {
    static func collapsed(_ text: String) -> String {
        var sentences: [Substring] = []
        var start = text.startIndex
        for index in text.indices where ".?!".contains(text[index]) {
            let next = text.index(after: index)
            // A mark inside a number ("3.5") does not end a sentence.
            if next < text.endIndex, !text[next].isWhitespace { continue }
            sentences.append(text[start..<next])
            start = next
        }
        if start < text.endIndex { sentences.append(text[start...]) }
        var kept: [Substring] = []
        for sentence in sentences {
            let trimmed = sentence.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            if let last = kept.last, last.trimmingCharacters(in: .whitespaces).lowercased() == trimmed.lowercased() { continue }
            kept.append(sentence)
        }
        return kept.joined().trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

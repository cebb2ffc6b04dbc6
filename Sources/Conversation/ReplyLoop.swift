/// Notices a reply that has fallen into a loop, the same words over and over, so that it can be
/// cut short: small models do this at times ("a large animal name is a large animal name a large
/// animal name …") until their token budget runs out, which is a minute of speech.
///
/// A loop is a phrase said again and again back to back: a phrase of five words or more twice
/// (nobody says a whole sentence twice in one breath), of three or four words three times, of two
/// words five times, one word nine times. Words compare without case and punctuation.
public struct ReplyLoop: Sendable {
    private var words: [String] = []
    /// A word the model may still be sending.
    private var partial = ""

    public init() {}

    /// Takes the next text of the reply and answers whether the reply is now looping.
    public mutating func append(_ text: String) -> Bool {
        for character in text {
            if character.isWhitespace {
                endWord()
            } else if character.isLetter || character.isNumber || character == "'" {
                partial.append(contentsOf: character.lowercased())
            }
        }
        guard !partial.isEmpty else { return Self.endsInALoop(words) }
        // A word still arriving counts too: a repeat can end on the reply's last word.
        words.append(partial)
        defer { words.removeLast() }
        return Self.endsInALoop(words)
    }

    private mutating func endWord() {
        guard !partial.isEmpty else { return }
        words.append(partial)
        partial = ""
    }

    /// The repeats that make a loop of a phrase of `length` words.
    static func repeatsForALoop(phraseLength length: Int) -> Int {
        switch length {
        case 5...: 2
        case 3...4: 3
        case 2: 5
        default: 9
        }
    }

    private static func endsInALoop(_ words: [String]) -> Bool {
        guard words.count >= 2 else { return false }
        for length in 1...min(12, words.count / 2) {
            let repeats = repeatsForALoop(phraseLength: length)
            guard words.count >= length * repeats else { continue }
            let phrase = words[(words.count - length)...]
            let looping = (1..<repeats).allSatisfy { back in
                let end = words.count - back * length
                return words[(end - length)..<end].elementsEqual(phrase)
            }
            if looping { return true }
        }
        return false
    }
}

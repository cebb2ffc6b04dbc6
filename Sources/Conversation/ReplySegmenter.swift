/// Cuts a reply that is still streaming from the language model into the pieces to speak, as soon
/// as each is complete: the first as early as it can be cut where a speaker might pause once it
/// has two words (after a clause, or before a word that opens a phrase, like "the", "of" or "and";
/// at most five words), so that the caller hears the reply early; later ones at sentence ends, or
/// long clauses, so that they sound natural. A later piece is kept short enough to be synthesised
/// while the speech before it plays: at most four times the words already cut, 10 to 30 words.
///
/// Only words followed by whitespace are complete: the model may still be sending the last one.
/// A word that plainly ends a sentence ("Paris.", "you?") is the exception: waiting for the next
/// token would hold every sentence back by one more step of the model.
public struct ReplySegmenter: Sendable {
    private var pending = ""
    private var wordsEmitted = 0

    public init() {}

    /// Takes the next text from the model and answers the pieces it completed.
    public mutating func append(_ text: String) -> [String] {
        pending += text
        var pieces: [String] = []
        while let cut = nextCut() {
            let piece = Self.speakable(pending[..<cut])
            pending = String(pending[cut...])
            // Marks alone ("!" after "Really?" was cut) are nothing to say.
            if Self.hasWords(piece) {
                pieces.append(piece)
                wordsEmitted += Self.wordCount(piece)
            }
        }
        return pieces
    }

    /// The rest of the reply once the model has finished, if any.
    public mutating func finish() -> String? {
        let piece = Self.speakable(pending[...])
        pending = ""
        guard Self.hasWords(piece) else { return nil }
        wordsEmitted += Self.wordCount(piece)
        return piece
    }

    private static let sentenceMarks: Set<Character> = [".", "!", "?", "…"]
    private static let clauseMarks: Set<Character> = [",", ";", ":"]
    private static let closers: Set<Character> = ["\"", ")", "”", "’", "»", "*"]
    /// Words a phrase starts with, before which a speaker may pause: the first piece may end
    /// before one. Words that also end phrases ("that", "her", "this") are left out.
    private static let phraseOpeners: Set<String> = [
        "the", "a", "an", "of", "in", "on", "at", "to", "for", "with", "from", "by", "about", "into",
        "after", "before", "and", "but", "or", "because", "which", "who", "when", "where", "while",
        "if", "than", "my", "your", "our", "their", "its",
    ]

    /// Where the next complete piece ends in `pending`, if one is complete.
    private func nextCut() -> String.Index? {
        let first = wordsEmitted == 0
        let limit = first ? 5 : min(30, max(10, 4 * wordsEmitted))
        var words = 0
        var index = pending.startIndex
        while let tokenStart = pending[index...].firstIndex(where: { !$0.isWhitespace }) {
            guard let tokenEnd = pending[tokenStart...].firstIndex(where: \.isWhitespace) else {
                let last = pending[tokenStart...]
                let counted = words + (Self.hasWords(last) ? 1 : 0)
                return counted > 0 && Self.endsSentence(last) ? pending.endIndex : nil
            }
            let token = pending[tokenStart..<tokenEnd]
            if first, words >= 2, Self.phraseOpeners.contains(token.lowercased()) { return tokenStart }
            if Self.hasWords(token) { words += 1 }
            let mark = token.reversed().first { !Self.closers.contains($0) }
            // Marks left over from the sentence before ("!" of "?!") are cut off on their own.
            if let mark, Self.sentenceMarks.contains(mark), words > 0 || !Self.hasWords(token) {
                return tokenEnd
            }
            // A first piece of one word ("Sure,") plays out before the next is synthesised on a busy machine.
            if let mark, Self.clauseMarks.contains(mark), words >= (first ? 2 : min(12, limit / 2)) { return tokenEnd }
            if words >= limit { return tokenEnd }
            index = tokenEnd
        }
        return nil
    }

    /// The words in a piece, as the cuts count them.
    private static func wordCount(_ piece: String) -> Int {
        piece.split(whereSeparator: \.isWhitespace).count { hasWords($0) }
    }

    /// Whether `text` has anything to say: a letter or a digit, not marks alone.
    private static func hasWords(_ text: some StringProtocol) -> Bool {
        text.contains { $0.isLetter || $0.isNumber }
    }

    /// Abbreviations a sentence does not end on, lowercased, without their final stop.
    private static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "vs", "etc", "approx", "dept", "ave", "mt", "ft",
    ]

    /// Whether `word`, though the model may still add to it, can only end a sentence: a question
    /// or an exclamation, or a stop after a letter that is no abbreviation ("3." may become
    /// "3.5", "e.g." and "..." may go on).
    private static func endsSentence(_ word: Substring) -> Bool {
        let bare = word.reversed().drop { closers.contains($0) }
        guard let mark = bare.first else { return false }
        if mark == "?" || mark == "!" { return true }
        guard mark == "." else { return false }
        let stem = String(bare.dropFirst().reversed())
        guard let before = stem.last, before.isLetter, !stem.contains(".") else { return false }
        return !abbreviations.contains(stem.lowercased().filter(\.isLetter))
    }

    /// The text as it should be spoken and shown: markdown emphasis and headings, which a chat
    /// model likes to add, are not read out.
    static func speakable(_ text: Substring) -> String {
        text.filter { !"*#`_".contains($0) }
            .split(whereSeparator: \.isWhitespace)
            .joined(separator: " ")
    }
}

/// Cuts text into the pieces a synthesiser speaks one at a time.
///
/// Pieces follow sentences and clauses. The first is kept short (a few words), because how soon a
/// caller hears the reply is how long that first piece takes to synthesise; later pieces can be
/// longer, since each is synthesised while the one before it plays.
public enum SpeechSegmenter {
    /// A run of words up to a punctuation mark, and that mark (`,` `.` `?` `!` `;` `:`), if any.
    public struct Clause: Sendable, Equatable {
        public var words: [Substring]
        public var mark: Character?

        public var text: String { words.joined(separator: " ") + (mark.map(String.init) ?? "") }
    }

    /// What one synthesis call speaks.
    public struct Piece: Sendable, Equatable {
        public var clauses: [Clause]

        public var text: String { clauses.map(\.text).joined(separator: " ") }
        var wordCount: Int { clauses.reduce(0) { $0 + $1.words.count } }
    }

    /// The pieces of `text`: the first at most `firstPieceWords` words (unless that would leave a
    /// stub of one or two words), later ones at most `pieceWords`, none crossing a sentence end.
    public static func pieces(of text: String, firstPieceWords: Int = 5, pieceWords: Int = 30) -> [Piece] {
        var pieces: [Piece] = []
        func limit() -> Int { pieces.isEmpty ? firstPieceWords : pieceWords }
        for sentence in sentences(clauses(of: text)) {
            var current = Piece(clauses: [])
            for var clause in sentence {
                if !current.clauses.isEmpty, current.wordCount + clause.words.count > limit() {
                    pieces.append(current)
                    current = Piece(clauses: [])
                }
                // A clause too long for a piece of its own is cut between words, never leaving a stub.
                while current.clauses.isEmpty, clause.words.count - limit() >= 3 {
                    let cut = limit()
                    pieces.append(Piece(clauses: [Clause(words: Array(clause.words[..<cut]), mark: nil)]))
                    clause.words.removeFirst(cut)
                }
                current.clauses.append(clause)
            }
            if !current.clauses.isEmpty { pieces.append(current) }
        }
        return pieces
    }

    private static let sentenceMarks: Set<Character> = [".", "!", "?", "…"]
    private static let clauseMarks: Set<Character> = [",", ";", ":", "—", "–"]
    private static let openers: Set<Character> = ["\"", "(", "“", "‘", "«"]
    private static let closers: Set<Character> = ["\"", ")", "”", "’", "»"]

    /// Words grouped into clauses, quotes and brackets around words dropped. A mark ends a clause
    /// only at the end of a word, so "3.5" and "1,000" stay whole; a sentence mark wins over a
    /// clause mark, and a question over the rest ("Really?!" ends with `?`).
    static func clauses(of text: String) -> [Clause] {
        var clauses: [Clause] = []
        var words: [Substring] = []
        for token in text.split(whereSeparator: \.isWhitespace) {
            var word = token.drop { openers.contains($0) }
            var marks: [Character] = []
            while let last = word.last, sentenceMarks.contains(last) || clauseMarks.contains(last) || closers.contains(last) {
                marks.append(last)
                word.removeLast()
            }
            if !word.isEmpty { words.append(word) }
            guard !marks.isEmpty else { continue }
            let mark: Character? = if marks.contains("?") {
                "?"
            } else if let sentenceMark = marks.first(where: sentenceMarks.contains) {
                sentenceMark == "…" ? "." : sentenceMark
            } else if marks.contains(where: clauseMarks.contains) {
                marks.contains(";") ? ";" : marks.contains(":") ? ":" : ","
            } else {
                nil
            }
            if let mark, !words.isEmpty {
                clauses.append(Clause(words: words, mark: mark))
                words = []
            }
        }
        if !words.isEmpty { clauses.append(Clause(words: words, mark: nil)) }
        return clauses
    }

    private static func sentences(_ clauses: [Clause]) -> [[Clause]] {
        var sentences: [[Clause]] = [[]]
        for clause in clauses {
            sentences[sentences.count - 1].append(clause)
            if let mark = clause.mark, sentenceMarks.contains(mark) { sentences.append([]) }
        }
        return sentences.filter { !$0.isEmpty }
    }
}

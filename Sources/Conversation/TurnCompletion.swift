/// Whether what the caller said sounds like the end of their turn, judged from its transcript.
///
/// The cheap signal that lets a finished sentence be answered at once while an unfinished one
/// waits out the agent's silence threshold: speech-to-text punctuates what it hears, and a
/// sentence that trails off on a conjunction or a filler word is not over, whatever its mark.
public enum TurnCompletion {
    /// Words a finished turn does not end on.
    static let continuations: Set<String> = [
        "and", "but", "or", "so", "because", "then", "if", "that", "which", "with", "to", "of",
        "for", "the", "a", "an", "my", "your", "um", "uh", "er", "erm", "like", "is", "are",
    ]

    public static func soundsFinished(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let mark = trimmed.last, ".?!".contains(mark), !trimmed.hasSuffix("..."), !trimmed.hasSuffix("…") else {
            return false
        }
        let words = trimmed.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "'" })
        guard let last = words.last else { return false }
        return !continuations.contains(String(last))
    }
}

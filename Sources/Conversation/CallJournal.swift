import Foundation
import ParleyCore

/// Where a call writes down what was said, as it goes, so that a crash loses nothing said before it.
public protocol CallJournal: Sendable {
    /// A turn was said: the caller's as transcribed, the agent's as far as the caller heard it.
    func record(_ turn: CallTurn) async throws
    /// The caller pressed keys (DTMF).
    func pressed(_ digits: String) async throws
    /// The call is over.
    func finish(_ ending: CallEnding, at date: Date) async throws
}

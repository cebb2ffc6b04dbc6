import Audio
import ParleyCore

/// What a call sends its caller, in order; a transport turns each into its own wire format.
public enum CallEvent: Sendable, Equatable {
    /// Text of the conversation: the caller's transcribed turn, or the agent's reply so far.
    case transcript(role: TurnRole, text: String, isFinal: Bool)
    /// One piece (about a sentence) of the agent's speech, to be played after the ones before it.
    case speech(PCMAudio)
    /// The caller cut in: stop playing everything already sent.
    case speechStopped
    /// The agent's reply has been sent whole.
    case speechEnded
    /// Something the caller should know went wrong; the call goes on unless it is ended too.
    case error(String)
}

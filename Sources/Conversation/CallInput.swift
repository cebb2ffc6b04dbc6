/// What a transport hands a call from its caller.
public enum CallInput: Sendable, Equatable {
    /// The caller's audio at the call's input rate (16 kHz), as samples in -1…1.
    case audio([Float])
    /// Keys the caller pressed on a phone (DTMF: `0`–`9`, `*`, `#`, `A`–`D`), written to the call record.
    case digits(String)
    /// The caller's side finished playing the agent's piece of speech `piece`, counted from 1 over
    /// the call in the order the call sent them (``CallEvent/speech(_:)``).
    case played(piece: Int)
    /// Something arrived that is not audio the call can use; the caller is told, the call goes on.
    case unusable(String)
}

import Conversation

/// A SIP call as its conversation sees it: who called whom, the caller's audio in, the agent's speech out.
public struct SIPCallLine: Sendable {
    /// The SIP `Call-ID`.
    public var callID: String
    public var from: String?
    public var to: String?
    public var input: RTPCallInput
    public var output: RTPCallOutput
}

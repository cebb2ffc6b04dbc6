import Conversation

/// A SIP call as its conversation sees it: who called whom, the caller's audio in, the agent's speech out.
public struct SIPCallLine: Sendable {
    /// The SIP `Call-ID`.
    public var callID: String
    public var from: String?
    public var to: String?
    public var input: RTPCallInput
    public var output: RTPCallOutput
    let answer: @Sendable () -> Void

    init(callID: String, from: String?, to: String?, input: RTPCallInput, output: RTPCallOutput, ready: @escaping @Sendable () -> Void) {
        self.callID = callID
        self.from = from
        self.to = to
        self.input = input
        self.output = output
        self.answer = ready
    }

    /// The conversation is ready to talk: an inbound call, ringing until now, is answered.
    public func ready() {
        answer()
    }
}

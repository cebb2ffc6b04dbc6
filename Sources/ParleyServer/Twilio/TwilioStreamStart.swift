/// What Twilio's `start` message says about a stream and its call.
struct TwilioStreamStart: Sendable, Equatable {
    var streamSid: String
    var callSid: String?
    var accountSid: String?
    /// `audio/x-mulaw` for every stream Twilio sends today.
    var encoding: String?
    var sampleRate: Int?
    /// The `<Parameter>`s of the TwiML `<Stream>`: the webhook puts the key and the agent there.
    var customParameters: [String: String]

    /// Twilio's ids are letters and digits (`MZ…`, `CA…`); anything else is refused rather than
    /// written back into messages.
    static func isSid(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 64 && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    /// Whether the stream's audio is what Parley reads: µ-law at 8 kHz (also when unsaid).
    var isMuLaw8k: Bool {
        (encoding ?? "audio/x-mulaw") == "audio/x-mulaw" && (sampleRate ?? 8_000) == 8_000
    }
}

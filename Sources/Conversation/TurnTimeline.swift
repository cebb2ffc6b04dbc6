import ParleyCore

/// When each stage of one turn's answer happened, on the call's monotonic clock: from the end
/// of the caller's speech to the first byte of the reply's audio on the wire.
struct TurnTimeline: Sendable {
    var speechEnded: Duration
    var transcribed: Duration?
    var firstToken: Duration?
    var firstAudio: Duration?
    var firstByteSent: Duration?

    /// Each stage in milliseconds after the end of the caller's speech.
    var latency: TurnLatency {
        func ms(_ stage: Duration?) -> Double? {
            stage.map { ($0 - speechEnded) / .milliseconds(1) }
        }
        return TurnLatency(transcriptMs: ms(transcribed), firstTokenMs: ms(firstToken), firstAudioMs: ms(firstAudio), firstByteSentMs: ms(firstByteSent))
    }
}

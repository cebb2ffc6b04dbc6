import Audio
import Conversation
import Synchronization

/// Turns the caller's side of a Media Streams socket into the call's input: µ-law 8 kHz audio,
/// resampled to the call's 16 kHz as one continuous stream (each 20 ms frame alone would give
/// the resampler's edges every 20 ms).
final class TwilioStreamInput: Sendable {
    // Used by the call's one input task at a time; the mutex only makes that provable.
    private let resampler: Mutex<Resampler>

    init() throws {
        resampler = Mutex(try Resampler(from: 8_000, to: 16_000))
    }

    /// What `event` gives the call: audio, keys pressed, or nothing (marks, what is unreadable).
    func input(from event: TwilioStreamEvent) -> CallInput? {
        switch event {
        case .media(let bytes):
            let samples = PCMAudio(muLaw: bytes).samples
            return .audio(resampler.withLock { $0.resample(samples) })
        case .dtmf(let digit):
            return .digits(digit)
        case .connected, .start, .mark, .stop, .unreadable:
            return nil
        }
    }
}

import Audio
import Conversation
import Synchronization

/// Turns the caller's side of a Media Streams socket into the call's input: µ-law 8 kHz audio,
/// doubled to the call's 16 kHz as one continuous stream. Not through libsoxr: its linear-phase
/// filter hands output back in ~100 ms blocks, so the VAD heard the caller stop ~80 ms late, and
/// its minimum-phase one cost more CPU than the rest of the call.
final class TwilioStreamInput: Sendable {
    // Used by the call's one input task at a time; the mutex only makes that provable.
    private let upsampler = Mutex(TwiceUpsampler())

    /// What `event` gives the call: audio, keys pressed, a piece played out (a mark), or nothing.
    func input(from event: TwilioStreamEvent) -> CallInput? {
        switch event {
        case .media(let bytes):
            let samples = PCMAudio(muLaw: bytes).samples
            return .audio(upsampler.withLock { $0.upsample(samples) })
        case .dtmf(let digit):
            return .digits(digit)
        case .mark(let name):
            // Parley names its marks by the number of the piece they follow.
            return Int(name).map { .played(piece: $0) }
        case .connected, .start, .stop, .unreadable:
            return nil
        }
    }
}

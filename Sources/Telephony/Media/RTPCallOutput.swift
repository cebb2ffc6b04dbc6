import Audio
import Conversation
import Logging
import Synchronization

/// Where a call's speech waits for its RTP clock: each piece resampled to 8 kHz, coded, cut in
/// 20 ms frames (the last padded with silence) and queued; a barge-in drops what is queued.
/// ``RTPPacer`` takes one frame every 20 ms, and plays out what is left when the call ends (a
/// goodbye) before the line is hung up. Transcripts have no place on a phone line.
public final class RTPCallOutput: CallOutput {
    let codec: RTPAudioCodec
    let logger: Logger
    private let frames = Mutex(RTPFrameQueue())
    private let finished = Atomic(false)
    /// What plays while the agent is silent, made once: the clock takes a frame every 20 ms.
    private let silence: [UInt8]

    /// 20 ms at 8 kHz.
    static let frameSamples = 160

    init(codec: RTPAudioCodec, logger: Logger) {
        self.codec = codec
        self.logger = logger
        silence = [UInt8](repeating: codec.silence, count: Self.frameSamples)
    }

    public func send(_ event: CallEvent) async throws {
        switch event {
        case .speech(let audio):
            let frames = codec.encode(try audio.resampled(to: RTPAudioCodec.clockRate)).frames(of: Self.frameSamples, paddedWith: codec.silence)
            self.frames.withLock { $0.append(frames) }
        case .speechStopped:
            frames.withLock { $0.removeAll() }
        case .error(let message):
            logger.warning("the call could not tell the caller: \(message)")
        case .transcript, .speechEnded:
            break
        }
    }

    /// The call is over: what it queued still plays, then ``nextFrame()`` has no more.
    func finish() {
        finished.store(true, ordering: .releasing)
    }

    /// The next frame to play: queued speech, or silence; `nil` once the call is over and its
    /// last words have played.
    func nextFrame() -> [UInt8]? {
        if let frame = frames.withLock({ $0.popFirst() }) { return frame }
        return finished.load(ordering: .acquiring) ? nil : silence
    }
}

import Audio
import Conversation
import Logging
import Synchronization

/// Where a call's speech waits for its RTP clock: each piece resampled to 8 kHz, coded, cut in
/// 20 ms frames (the last padded with silence) and queued; a barge-in drops what is queued.
/// ``RTPPacer`` takes one frame every 20 ms. Transcripts have no place on a phone line.
public final class RTPCallOutput: CallOutput {
    let codec: RTPAudioCodec
    let logger: Logger
    private let frames = Mutex(RTPFrameQueue())

    /// 20 ms at 8 kHz.
    static let frameSamples = 160

    init(codec: RTPAudioCodec, logger: Logger) {
        self.codec = codec
        self.logger = logger
    }

    public func send(_ event: CallEvent) async throws {
        switch event {
        case .speech(let audio):
            let bytes = codec.encode(try audio.resampled(to: RTPAudioCodec.clockRate))
            var cut: [[UInt8]] = []
            for start in stride(from: 0, to: bytes.count, by: Self.frameSamples) {
                var frame = Array(bytes[start..<min(start + Self.frameSamples, bytes.count)])
                frame += repeatElement(codec.silence, count: Self.frameSamples - frame.count)
                cut.append(frame)
            }
            frames.withLock { $0.append(cut) }
        case .speechStopped:
            frames.withLock { $0.removeAll() }
        case .error(let message):
            logger.warning("the call could not tell the caller: \(message)")
        case .transcript, .speechEnded:
            break
        }
    }

    /// The next frame to play: queued speech, or silence.
    func nextFrame() -> [UInt8] {
        frames.withLock { $0.popFirst() } ?? [UInt8](repeating: codec.silence, count: Self.frameSamples)
    }
}

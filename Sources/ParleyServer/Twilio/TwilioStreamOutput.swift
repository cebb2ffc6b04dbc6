import Audio
import Conversation
import Logging
import Metrics
import Synchronization
import WSCore

/// Carries a call's speech to Twilio: each piece resampled to 8 kHz, µ-law, in `media` messages
/// of exactly 20 ms (the last padded with silence), then a `mark`; a barge-in clears what Twilio
/// has not played. Transcripts have no place in the protocol (they go to the call record).
///
/// The call queues its pieces here; ``play()`` sends them on the playback clock
/// (``TwilioPlayout``). A barge-in's `clear` goes at once, from the call, unless frames are being
/// written: then straight after them. One writer at a time, so a `clear` never overtakes a frame.
final class TwilioStreamOutput: CallOutput {
    let outbound: WebSocketOutboundWriter
    let streamSid: String
    let logger: Logger
    private let playout = Mutex(TwilioPlayout())
    private let piecesQueued = Atomic<Int>(0)
    private let wakes: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation

    /// 20 ms at 8 kHz, one byte a sample.
    static let frameBytes = 160
    /// µ-law for 0.
    static let silence: UInt8 = 0xFF
    /// `parley_twilio_send_lateness`: how long after its due time each paced frame went out.
    static let lateness = Timer(label: "parley_twilio_send_lateness")

    init(outbound: WebSocketOutboundWriter, streamSid: String, logger: Logger) {
        self.outbound = outbound
        self.streamSid = streamSid
        self.logger = logger
        (wakes, wake) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    func send(_ event: CallEvent) async throws {
        switch event {
        case .speech(let audio):
            // Every piece is counted and marked, empty or not: the call counts them alike.
            let number = piecesQueued.add(1, ordering: .relaxed).newValue
            let frames = try audio.resampled(to: 8_000).muLaw.frames(of: Self.frameBytes, paddedWith: Self.silence)
            playout.withLock { $0.queue(frames, mark: String(number)) }
            wake.yield()
        case .speechStopped:
            if playout.withLock({ $0.clear() }) { try await write([.clear]) }
            wake.yield()
        case .error(let message):
            logger.warning("the call could not tell the caller: \(message)")
        case .transcript, .speechEnded:
            break
        }
    }

    /// The call is over: ``play()`` returns once what it said has been sent.
    func finish() {
        playout.withLock { $0.finish() }
        wake.yield()
    }

    /// Sends what the call queues, on time, until ``finish()`` and the last frame, cancellation
    /// or a failed socket.
    func play() async throws {
        let clock = ContinuousClock()
        var wakes = wakes.makeAsyncIterator()
        while !Task.isCancelled {
            guard let (messages, next) = playout.withLock({ $0.next(at: clock.now) }) else {
                // A barge-in's `clear` is being written; its writer rings when done.
                guard await wakes.next() != nil else { return }
                continue
            }
            if !messages.isEmpty { try await write(messages) }
            switch next {
            case .at(let due):
                try await clock.sleep(until: due)
                Self.lateness.recordNanoseconds(max(0, (clock.now - due).nanoseconds))
            case .whenQueued:
                guard await wakes.next() != nil else { return }
            case .never:
                return
            }
        }
    }

    /// Writes `messages` as the socket's writer, then a `clear` for each barge-in that came meanwhile.
    private func write(_ messages: [TwilioPlayout.Message]) async throws {
        var messages = messages
        while true {
            do {
                for message in messages {
                    try await outbound.write(.text(render(message)))
                }
            } catch {
                // The socket is gone: give the writer's turn back, so that no one waits for it.
                while playout.withLock({ $0.doneWriting() }) {}
                throw error
            }
            guard playout.withLock({ $0.doneWriting() }) else { return }
            messages = [.clear]
        }
    }

    private func render(_ message: TwilioPlayout.Message) -> String {
        switch message {
        case .media(let frame): TwilioStreamMessage.media(streamSid: streamSid, payload: frame)
        case .mark(let name): TwilioStreamMessage.mark(streamSid: streamSid, name: name)
        case .clear: TwilioStreamMessage.clear(streamSid: streamSid)
        }
    }
}

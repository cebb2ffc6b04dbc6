import HummingbirdWSClient
import Logging
import NIOCore
import NIOWebSocket

/// One call over `/ws/voice` as a real client: listens to the server while it speaks its lines
/// at real-time pace, like a microphone, then hangs up with 1000.
///
/// The caller's audio never stops: silence (zeros) is sent while the greeting plays and while
/// each reply is awaited and played, as an open microphone in a quiet room would.
struct CallClient: Sendable {
    /// The `ws://…/ws/voice?…` URL (see ``CallEndpoint``).
    let url: String
    let lines: [CallLine]
    let session: CallSession
    let logger: Logger
    /// How long the server may take to send `connected` (it loads the agent's engines first).
    var connectTimeout = Duration.seconds(60)
    /// How long without incoming audio counts as "the greeting is over" (or "there is none").
    var greetingQuiet = Duration.seconds(1)
    /// The most the greeting is waited for.
    var greetingTimeout = Duration.seconds(30)
    /// The pause before each line, once the agent has finished speaking, as a person would leave.
    var turnGap = Duration.milliseconds(500)
    /// The most a reply is waited for, from the end of the line to the end of its playback.
    var replyTimeout = Duration.seconds(30)
    /// With a value, each line after the first is said over the reply to the one before, this long
    /// after its first audio (a barge-in), instead of after it.
    var bargeIn: Duration?
    /// How long the server may take to answer the close.
    var closeTimeout = Duration.seconds(5)

    /// The two sides of the call, to tell which ended first.
    private enum Side {
        case listener, speaker, timer
    }

    /// Connects, holds the call, and answers the close frame the server sent (`nil` when the
    /// connection ended without one). Throws when the connection cannot be made or upgraded.
    func run() async throws -> WebSocketCloseFrame? {
        let configuration = WebSocketClientConfiguration(
            // The server fragments messages at 64 KiB; a piece of PCM16 speech is larger.
            maxFrameSize: 1 << 20,
            closeTimeout: closeTimeout
        )
        return try await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) { inbound, outbound, _ in
            await converse(inbound, outbound)
        }
    }

    private func converse(_ inbound: WebSocketInboundStream, _ outbound: WebSocketOutboundWriter) async {
        await withTaskGroup(of: Side.self) { group in
            group.addTask {
                await listen(inbound)
                return .listener
            }
            group.addTask {
                await speak(outbound)
                return .speaker
            }
            if await group.next() == .speaker {
                // Hung up (or gave up): the server answers the close, which ends the listener.
                group.addTask {
                    try? await Task.sleep(for: closeTimeout)
                    return .timer
                }
                _ = await group.next()
            }
            // The server closed the socket (or never answered the close): stop the other side.
            group.cancelAll()
        }
    }

    /// Hands every message to the session until the server closes the socket.
    private func listen(_ inbound: WebSocketInboundStream) async {
        do {
            for try await message in inbound.messages(maxSize: 16 << 20) {
                switch message {
                case .text(let text):
                    await session.received(text: text)
                case .binary(let buffer):
                    await session.received(audio: Array(buffer.readableBytesView))
                }
            }
        } catch {
            logger.debug("the socket failed", metadata: ["error": "\(error)"])
        }
        await session.disconnected()
    }

    /// Waits for `connected`, waits out the greeting, says each line (after ``turnGap``) and waits
    /// for its reply, then closes with 1000. Returns early when the socket fails or the task is
    /// cancelled.
    private func speak(_ outbound: WebSocketOutboundWriter) async {
        guard await session.waitUntilConnected(timeout: connectTimeout) else { return }
        var microphone = Microphone(outbound: outbound, pacer: FramePacer(start: .now))
        do {
            let greetingDeadline = ContinuousClock.now + greetingTimeout
            while await !session.greetingSettled(quiet: greetingQuiet), .now < greetingDeadline {
                try await microphone.send(FramePacer.silence)
            }
            var interrupting = false
            for (index, line) in lines.enumerated() {
                if !interrupting { try await microphone.sendSilence(for: turnGap) }
                await session.lineStarted(index, line)
                for (number, frame) in line.frames.enumerated() {
                    if interrupting, number == line.firstVoicedFrame { await session.interruptionBegins() }
                    try await microphone.send(frame)
                    if number == line.lastVoicedFrame { await session.lineSpoken(index) }
                }
                interrupting = false
                let deadline = ContinuousClock.now + replyTimeout
                while await !session.replyOver() {
                    if let bargeIn, index + 1 < lines.count, await session.bargeInDue(after: bargeIn) {
                        interrupting = true
                        break
                    }
                    guard .now < deadline else {
                        await session.replyTimedOut(index, after: replyTimeout)
                        break
                    }
                    try await microphone.send(FramePacer.silence)
                }
            }
            await session.finishedScript()
            try await outbound.close(.normalClosure, reason: "Call ended")
        } catch {
            logger.debug("stopped speaking", metadata: ["error": "\(error)"])
        }
    }

    /// Sends frames at their deadlines on the pacer's clock.
    private struct Microphone {
        let outbound: WebSocketOutboundWriter
        let pacer: FramePacer
        var sent = 0

        /// Sends `frame` now, then sleeps until the next frame is due.
        mutating func send(_ frame: [UInt8]) async throws {
            try await outbound.write(.binary(ByteBuffer(bytes: frame)))
            sent += 1
            try await Task.sleep(until: pacer.deadline(ofFrame: sent), clock: .continuous)
        }

        /// Sends silence for `duration`, rounded up to whole frames.
        mutating func sendSilence(for duration: Duration) async throws {
            for _ in 0..<Int((duration / FramePacer.frameDuration).rounded(.up)) {
                try await send(FramePacer.silence)
            }
        }
    }
}

import Foundation
import NIOCore
import NIOPosix
import Telephony

/// One load caller over SIP: an INVITE offering PCMU from a UDP socket that carries its RTP too,
/// then, once answered, the caller's cycle in 20 ms RTP packets, and BYE to hang up. The agent's
/// audio is any packet that is not µ-law silence (Parley fills the line's quiet with silence).
struct SIPCaller: Sendable {
    typealias Channel = NIOAsyncChannel<AddressedEnvelope<ByteBuffer>, AddressedEnvelope<ByteBuffer>>

    let serverPort: Int
    /// µ-law frames of the caller's tone, 20 ms each.
    let tone: [[UInt8]]
    static let silence = [UInt8](repeating: 0xFF, count: 160)

    private enum Signal: Sendable {
        case answered(SIPResponse)
        case refused(Int)
    }

    func session(
        on clock: FrameClock, start: ContinuousClock.Instant, steadyStart: ContinuousClock.Instant, end: ContinuousClock.Instant, cycleFrames: Int
    ) async -> SessionResult {
        let state = Shared(SessionResult())
        try? await Task.sleep(until: start, clock: .continuous)
        do {
            let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .bind(host: "127.0.0.1", port: 0)
                .flatMapThrowing { try Channel(wrappingChannelSynchronously: $0) }
                .get()
            let port = channel.channel.localAddress?.port ?? 0
            let server = try SocketAddress(ipAddress: "127.0.0.1", port: serverPort)
            let dialog = Dialog(localPort: port)
            try await channel.executeThenClose { inbound, outbound in
                let (signals, signal) = AsyncStream.makeStream(of: Signal.self)
                try await withThrowingTaskGroup { group in
                    group.addTask {
                        for try await envelope in inbound {
                            let bytes = Array(envelope.data.readableBytesView)
                            if let first = bytes.first, first & 0xC0 == 0x80 {
                                // RTP (version 2); SIP starts with a letter.
                                guard let packet = RTPPacket(parsing: bytes), packet.payload.contains(where: { $0 != 0xFF && $0 != 0x7F }) else { continue }
                                state.withLock { $0.heard(bytes: packet.payload.count, at: .now, steadyStart: steadyStart) }
                                continue
                            }
                            switch try? SIPMessage(parsing: bytes) {
                            case .response(let response) where response.headers["CSeq"]?.hasSuffix("INVITE") == true:
                                if response.status == 200 { signal.yield(.answered(response)) }
                                if response.status >= 300 { signal.yield(.refused(response.status)) }
                            case .request(let request) where request.method == .bye:
                                state.withLock { if !$0.hungUp { $0.endedEarly = true } }
                                try await outbound.write(AddressedEnvelope(remoteAddress: envelope.remoteAddress, data: ByteBuffer(bytes: dialog.ok(to: request).bytes)))
                            default:
                                break
                            }
                        }
                    }
                    group.addTask {
                        // No answer by the end of the run is a failure, not a hang.
                        try? await Task.sleep(until: end, clock: .continuous)
                        signal.finish()
                    }
                    try await outbound.write(AddressedEnvelope(remoteAddress: server, data: ByteBuffer(bytes: dialog.invite(serverPort: serverPort).bytes)))
                    var answers = signals.makeAsyncIterator()
                    switch await answers.next() {
                    case .answered(let ok):
                        try await outbound.write(AddressedEnvelope(remoteAddress: server, data: ByteBuffer(bytes: dialog.acknowledgement(of: ok).bytes)))
                        let media = try Self.mediaAddress(in: ok)
                        let writer = Shared(RTPStreamWriter(payloadType: RTPAudioCodec.pcmu.payloadType))
                        try await Load.speak(on: clock, cycleFrames: cycleFrames, toneFrames: tone.count, steadyStart: steadyStart, end: end, state: state) { [tone] phase in
                            let packet = writer.withLock { $0.packet(phase < tone.count ? tone[phase] : Self.silence, samples: 160) }
                            try await outbound.write(AddressedEnvelope(remoteAddress: media, data: ByteBuffer(bytes: packet.bytes)))
                        }
                        state.withLock { $0.hungUp = true }
                        try await outbound.write(AddressedEnvelope(remoteAddress: server, data: ByteBuffer(bytes: dialog.bye(after: ok).bytes)))
                        // Parley's 200 to the BYE is not waited for: the run is over.
                        try? await Task.sleep(for: .milliseconds(200))
                    case .refused(let status):
                        state.withLock { $0.failure = "refused: \(status)" }
                    case nil:
                        state.withLock { $0.failure = "no answer" }
                    }
                    group.cancelAll()
                }
            }
        } catch {
            state.withLock { $0.failure = String(describing: type(of: error)) + ": " + String("\(error)".prefix(120)) }
        }
        return state.withLock { $0.closed(end: end, steadyStart: steadyStart) }
    }

    /// Where the answer's SDP says to send RTP.
    private static func mediaAddress(in answer: SIPResponse) throws -> SocketAddress {
        let sdp = try SessionDescription(parsing: String(decoding: answer.body, as: UTF8.self))
        guard let audio = sdp.media.first(where: { $0.type == "audio" }) else { throw SDPError.noAudio }
        return try SocketAddress(ipAddress: audio.connectionAddress ?? sdp.connectionAddress ?? "127.0.0.1", port: audio.port)
    }
}

/// The caller's side of one SIP dialog: its requests, each with the headers RFC 3261 asks for.
private struct Dialog: Sendable {
    let localPort: Int
    let callID = UUID().uuidString
    let fromTag = String(UUID().uuidString.prefix(8)).lowercased()
    let uri = SIPURI(user: "+15550100", host: "127.0.0.1")

    private func request(_ method: SIPMethod, cseq: UInt32, to: String, body: [UInt8] = []) -> SIPRequest {
        var headers = SIPHeaders()
        headers.add("Via", "SIP/2.0/UDP 127.0.0.1:\(localPort);branch=\(SIPVia.magicCookie)\(UUID().uuidString.prefix(8).lowercased());rport")
        headers.add("Max-Forwards", "70")
        headers.add("From", "<sip:caller@127.0.0.1>;tag=\(fromTag)")
        headers.add("To", to)
        headers.add("Call-ID", callID)
        headers.add("CSeq", "\(cseq) \(method)")
        headers.add("Contact", "<sip:caller@127.0.0.1:\(localPort)>")
        if !body.isEmpty { headers.add("Content-Type", "application/sdp") }
        return SIPRequest(method: method, uri: uri, headers: headers, body: body)
    }

    func invite(serverPort: Int) -> SIPRequest {
        let offer = [
            "v=0", "o=caller 1 1 IN IP4 127.0.0.1", "s=-", "c=IN IP4 127.0.0.1", "t=0 0",
            "m=audio \(localPort) RTP/AVP 0 101", "a=rtpmap:0 PCMU/8000", "a=rtpmap:101 telephone-event/8000", "a=sendrecv",
        ].joined(separator: "\r\n") + "\r\n"
        return request(.invite, cseq: 1, to: "<\(uri)>", body: Array(offer.utf8))
    }

    func acknowledgement(of ok: SIPResponse) -> SIPRequest {
        request(.ack, cseq: 1, to: ok.headers["To"] ?? "<\(uri)>")
    }

    func bye(after ok: SIPResponse) -> SIPRequest {
        request(.bye, cseq: 2, to: ok.headers["To"] ?? "<\(uri)>")
    }

    func ok(to request: SIPRequest) -> SIPResponse {
        var headers = SIPHeaders()
        for name in ["Via", "From", "To", "Call-ID", "CSeq"] {
            for value in request.headers.values(name) { headers.add(name, value) }
        }
        return SIPResponse(status: 200, headers: headers)
    }
}

import Logging
import Metrics
import NIOCore

/// The state the user agent's loop owns: the signalling state machine, the calls' media, the
/// calls being placed. Only the loop's task touches it.
struct SIPUserAgentLoop {
    let agent: SIPUserAgent
    let outbound: NIOAsyncChannelOutboundWriter<AddressedEnvelope<ByteBuffer>>
    private var signaling: SIPSignaling
    private var media: [String: SIPCallMedia] = [:]
    private var dialing: [String: SIPDialRequest] = [:]
    /// Call tasks running.
    private var tasks = 0
    private var draining = false
    /// `parley_sip_dialogs`: the calls the signalling holds, in any phase (a leak shows here).
    private let dialogs = Gauge(label: "parley_sip_dialogs")
    /// `parley_sip_media`: the calls with an RTP socket open.
    private let openMedia = Gauge(label: "parley_sip_media")

    init(agent: SIPUserAgent, outbound: NIOAsyncChannelOutboundWriter<AddressedEnvelope<ByteBuffer>>) {
        self.agent = agent
        self.outbound = outbound
        let configuration = agent.configuration
        signaling = SIPSignaling(local: SIPPeer(host: configuration.publicHost, port: configuration.port), maxCalls: configuration.maxCalls)
    }

    /// Shutting down, with no call left.
    var isDone: Bool { draining && tasks == 0 }

    mutating func handle(_ event: SIPUserAgentEvent, in group: inout ThrowingDiscardingTaskGroup<any Error>) async {
        let now = ContinuousClock.now
        switch event {
        case .datagram(let bytes, let source):
            await perform(signaling.receive(bytes, from: source, now: now), in: &group)
        case .tick:
            await perform(signaling.tick(now: now), in: &group)
        case .ringing(let callID):
            await perform(signaling.ring(callID: callID), in: &group)
        case .refused(let callID, let status):
            await perform(signaling.reject(callID: callID, status: status, now: now), in: &group)
            dialing.removeValue(forKey: callID)?.ended(.failed(status: status))
        case .ready(let callID, let callMedia, let offer):
            media[callID] = callMedia
            if let offer {
                let answer = offer.answer(address: signaling.local.host, port: callMedia.port, sessionID: Self.sessionID(), version: 1)
                await perform(signaling.accept(callID: callID, answer: answer, now: now), in: &group)
                media[callID]?.start(offer)
            } else if let request = dialing[callID] {
                let offer = NegotiatedAudio.offer(address: signaling.local.host, port: callMedia.port, sessionID: Self.sessionID())
                let call = OutboundSIPCall(
                    callID: callID, from: request.from, to: request.to, trunk: request.trunk, domain: request.domain,
                    credentials: request.credentials, offer: offer
                )
                await perform(signaling.dial(call, now: now), in: &group)
            }
        case .finished(let callID):
            tasks -= 1
            await perform(signaling.hangUp(callID: callID, now: now), in: &group)
            media[callID]?.stop()
            media[callID] = nil
            if let request = dialing.removeValue(forKey: callID) { request.ended(.localHangUp) }
        case .dial(let request):
            guard !draining else {
                request.ended(.failed(status: 503))
                return
            }
            dialing[request.callID] = request
            start(in: &group) { agent in
                await agent.carry(callID: request.callID, from: request.from, to: request.to, offer: nil, prepare: request.prepare, conversation: request.conversation)
            }
        case .hangUp(let callID):
            await perform(signaling.hangUp(callID: callID, now: now), in: &group)
        case .shutdown:
            draining = true
        }
        dialogs.record(signaling.callCount)
        openMedia.record(media.count)
    }

    private mutating func perform(_ actions: [SIPAction], in group: inout ThrowingDiscardingTaskGroup<any Error>) async {
        for action in actions {
            switch action {
            case .send(let bytes, let peer):
                guard let address = try? SocketAddress(ipAddress: peer.host, port: peer.port) else { continue }
                do {
                    try await outbound.write(AddressedEnvelope(remoteAddress: address, data: ByteBuffer(bytes: bytes)))
                } catch {
                    agent.logger.warning("could not send a SIP message", metadata: ["to": "\(peer)", "error": "\(error)"])
                }
            case .admit(let call):
                if draining {
                    await perform(signaling.reject(callID: call.callID, status: 503, now: .now), in: &group)
                    continue
                }
                start(in: &group) { agent in
                    switch await agent.handler.admit(call) {
                    case .refuse(let status):
                        agent.eventInput.yield(.refused(callID: call.callID, status: status))
                        agent.eventInput.yield(.finished(callID: call.callID))
                    case .accept(let conversation):
                        await agent.carry(callID: call.callID, from: call.from, to: call.to, offer: call.offer, conversation: conversation)
                    }
                }
            case .answered(let callID, let audio):
                media[callID]?.start(audio)
            case .mediaChanged(let callID, let audio):
                media[callID]?.move(audio)
            case .pressed(let callID, let key):
                media[callID]?.press(key)
            case .ended(let callID, let reason):
                agent.logger.info("SIP call ended", metadata: ["sip_call_id": "\(callID)", "reason": "\(reason)"])
                media.removeValue(forKey: callID)?.stop()
                if let request = dialing.removeValue(forKey: callID) { request.ended(reason) }
            }
        }
    }

    private mutating func start(in group: inout ThrowingDiscardingTaskGroup<any Error>, _ work: @escaping @Sendable (SIPUserAgent) async -> Void) {
        tasks += 1
        group.addTask { [agent] in await work(agent) }
    }

    private static func sessionID() -> UInt64 {
        UInt64.random(in: 1...UInt64(Int64.max))
    }
}

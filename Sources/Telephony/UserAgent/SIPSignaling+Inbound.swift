import Foundation

extension SIPSignaling {
    /// A new INVITE, its retransmission, or a re-INVITE within a call.
    mutating func receiveInvite(_ request: SIPRequest, cseq: SIPCSeq, from source: SIPPeer, now: ContinuousClock.Instant) -> [SIPAction] {
        let callID = request.headers["Call-ID"] ?? ""
        let toTag = request.headers["To"].flatMap(SIPNameAddress.init)?.tag
        if let dialog = dialogs[callID] {
            if dialog.isInbound, dialog.remoteCSeq == cseq.number, let last = dialog.lastInviteResponse {
                return [.send(last, to: source)]
            }
            guard toTag != nil, dialog.phase == .confirmed else { return stateless(request, 491, from: source) }
            return receiveReinvite(request, cseq: cseq, from: source, now: now)
        }
        guard toTag == nil else { return stateless(request, 481, from: source) }
        guard dialogs.count < maxCalls else { return stateless(request, 503, from: source, extra: [("Retry-After", "5")]) }
        let offer: NegotiatedAudio
        switch Self.offeredAudio(request) {
        case .success(let audio): offer = audio
        case .failure(let refusal): return stateless(request, refusal.status, from: source, extra: refusal.headers)
        }
        let from = request.headers["From"].flatMap(SIPNameAddress.init)
        let to = request.headers["To"].flatMap(SIPNameAddress.init)
        let tag = Self.newTag()
        var dialog = SIPDialog(
            callID: callID, isInbound: true, phase: .admitting,
            localParty: (request.headers["To"] ?? "") + ";tag=\(tag)", remoteParty: request.headers["From"] ?? "",
            remoteTarget: request.headers["Contact"].flatMap(SIPNameAddress.init)?.uri ?? from?.uri ?? request.uri,
            peer: source, localCSeq: 1, invite: request
        )
        dialog.routeSet = request.headers.values("Record-Route")
        dialog.remoteCSeq = cseq.number
        let trying = request.response(100, from: source).bytes
        dialog.lastInviteResponse = trying
        dialogs[callID] = dialog
        let call = InboundSIPCall(callID: callID, from: from?.uri.user, to: request.uri.user ?? to?.uri.user, source: source, offer: offer)
        return [.send(trying, to: source), .admit(call)]
    }

    /// Answers an admitted call with Parley's session description. A call no longer waiting
    /// (the caller cancelled) ends instead.
    public mutating func accept(callID: String, answer: SessionDescription, now: ContinuousClock.Instant) -> [SIPAction] {
        guard var dialog = dialogs[callID], dialog.phase == .admitting else { return [.ended(callID: callID, .cancelled)] }
        let bytes = answerInvite(&dialog, with: answer, now: now)
        dialog.phase = .answering
        dialogs[callID] = dialog
        return [.send(bytes, to: dialog.peer)]
    }

    /// Tells the caller of a call waiting to be answered that it rings (180, with Parley's tag).
    public mutating func ring(callID: String) -> [SIPAction] {
        guard var dialog = dialogs[callID], dialog.phase == .admitting else { return [] }
        let bytes = dialog.invite.response(180, toTag: dialog.localTag, from: dialog.peer).bytes
        dialog.lastInviteResponse = bytes
        dialogs[callID] = dialog
        return [.send(bytes, to: dialog.peer)]
    }

    /// Refuses a call waiting for admission with `status` (403, 404, 480, 486, 503…).
    public mutating func reject(callID: String, status: Int, now: ContinuousClock.Instant) -> [SIPAction] {
        guard var dialog = dialogs[callID], dialog.phase == .admitting else { return [] }
        let bytes = finalResponse(&dialog, status, now: now)
        dialog.rejected = true
        dialogs[callID] = dialog
        return [.send(bytes, to: dialog.peer), .ended(callID: callID, .localHangUp)]
    }

    mutating func receiveAck(_ request: SIPRequest, from source: SIPPeer, now: ContinuousClock.Instant) -> [SIPAction] {
        let callID = request.headers["Call-ID"] ?? ""
        guard var dialog = dialogs[callID], dialog.isInbound, dialog.retransmission != nil else { return [] }
        dialog.retransmission = nil
        if dialog.rejected {
            dialogs[callID] = nil
            return []
        }
        dialog.phase = .confirmed
        dialogs[callID] = dialog
        return dialog.hangUpOnAcknowledgement ? bye(callID, now: now) : []
    }

    mutating func receiveCancel(_ request: SIPRequest, from source: SIPPeer, now: ContinuousClock.Instant) -> [SIPAction] {
        let callID = request.headers["Call-ID"] ?? ""
        let branch = request.headers["Via"].flatMap(SIPVia.init)?.branch
        guard var dialog = dialogs[callID], dialog.isInbound, dialog.invite.headers["Via"].flatMap(SIPVia.init)?.branch == branch else {
            return answer(request, 481, from: source, now: now)
        }
        var actions = answer(request, 200, from: source, now: now, toTag: dialog.localTag)
        // Once the INVITE has its final response, CANCEL changes nothing (RFC 3261 §9.2).
        guard dialog.phase == .admitting else { return actions }
        let bytes = finalResponse(&dialog, 487, now: now)
        dialog.rejected = true
        dialogs[callID] = dialog
        actions += [.send(bytes, to: dialog.peer), .ended(callID: callID, .cancelled)]
        return actions
    }

    /// A re-INVITE: new media for the call (or a session refresh), answered with Parley's
    /// description, its version one higher.
    private mutating func receiveReinvite(_ request: SIPRequest, cseq: SIPCSeq, from source: SIPPeer, now: ContinuousClock.Instant) -> [SIPAction] {
        let callID = request.headers["Call-ID"] ?? ""
        guard var dialog = dialogs[callID], var description = dialog.localDescription else { return stateless(request, 481, from: source) }
        guard dialog.retransmission == nil else { return stateless(request, 491, from: source) }
        var actions: [SIPAction] = []
        if !request.body.isEmpty {
            switch Self.offeredAudio(request) {
            case .success(let audio):
                let port = description.media.first?.port ?? 0
                description = audio.answer(address: local.host, port: port, sessionID: description.sessionID, version: description.sessionVersion)
                actions.append(.mediaChanged(callID: callID, audio))
            case .failure(let refusal):
                return stateless(request, refusal.status, from: source, extra: refusal.headers)
            }
        }
        description.sessionVersion += 1
        dialog.invite = request
        dialog.remoteCSeq = cseq.number
        dialog.peer = source
        let bytes = answerInvite(&dialog, with: description, now: now)
        dialogs[callID] = dialog
        return [.send(bytes, to: source)] + actions
    }

    /// The 200 to `dialog`'s INVITE carrying `description`, repeated until the ACK.
    private mutating func answerInvite(_ dialog: inout SIPDialog, with description: SessionDescription, now: ContinuousClock.Instant) -> [UInt8] {
        var response = dialog.invite.response(200, toTag: dialog.localTag, from: dialog.peer)
        response.headers.add("Contact", contact)
        for (name, value) in Self.capabilities where !value.isEmpty { response.headers.add(name, value) }
        for route in dialog.routeSet { response.headers.add("Record-Route", route) }
        response.headers.add("Content-Type", "application/sdp")
        response.body = Array(description.text.utf8)
        let bytes = response.bytes
        dialog.localDescription = description
        dialog.lastInviteResponse = bytes
        dialog.retransmission = SIPRetransmission(bytes, to: dialog.peer, now: now)
        return bytes
    }

    /// A final refusal of `dialog`'s INVITE, repeated until the ACK.
    private func finalResponse(_ dialog: inout SIPDialog, _ status: Int, now: ContinuousClock.Instant) -> [UInt8] {
        let bytes = dialog.invite.response(status, toTag: dialog.localTag, from: dialog.peer).bytes
        dialog.phase = .answering
        dialog.lastInviteResponse = bytes
        dialog.retransmission = SIPRetransmission(bytes, to: dialog.peer, now: now)
        return bytes
    }

    /// A response sent without keeping state: the INVITE's retransmissions are refused alike.
    func stateless(_ request: SIPRequest, _ status: Int, from source: SIPPeer, extra: [(String, String)] = []) -> [SIPAction] {
        var response = request.response(status, toTag: Self.newTag(), from: source)
        for (name, value) in extra { response.headers.add(name, value) }
        return [.send(response.bytes, to: source)]
    }

    /// Why an INVITE's offer cannot be taken, as a SIP answer.
    struct OfferRefusal: Error {
        var status: Int
        var headers: [(String, String)]
    }

    /// The audio an INVITE offers, or the answer that refuses it: 415 for a body that is not SDP,
    /// 488 for an offer without audio Parley can take (or none at all: Parley does not make the offer itself).
    static func offeredAudio(_ request: SIPRequest) -> Result<NegotiatedAudio, OfferRefusal> {
        if let type = request.headers["Content-Type"], !type.lowercased().hasPrefix("application/sdp") {
            return .failure(OfferRefusal(status: 415, headers: [("Accept", "application/sdp")]))
        }
        do {
            return .success(try NegotiatedAudio(from: SessionDescription(parsing: String(decoding: request.body, as: UTF8.self))))
        } catch {
            let text = "\(error)".replacingOccurrences(of: "\"", with: "'")
            return .failure(OfferRefusal(status: 488, headers: [("Warning", "399 parley \"\(text)\"")]))
        }
    }
}

extension SIPDialog {
    /// Parley's tag in the dialog.
    var localTag: String? {
        SIPNameAddress(localParty)?.tag
    }
}

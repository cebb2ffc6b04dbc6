extension SIPSignaling {
    /// How long a call Parley places may ring before Parley gives up on it.
    static let ringTimeout = Duration.seconds(60)

    /// Places `call`: an INVITE to the trunk, repeated until the trunk answers anything.
    public mutating func dial(_ call: OutboundSIPCall, now: ContinuousClock.Instant) -> [SIPAction] {
        guard dialogs[call.callID] == nil else { return [] }
        let port = call.trunk.port == 5060 ? nil : call.trunk.port
        let target = SIPURI(user: call.to, host: call.domain, port: port)
        let tag = Self.newTag()
        var headers = SIPHeaders()
        headers.add("Via", via(branch: Self.newBranch()))
        headers.add("Max-Forwards", "70")
        headers.add("From", "<\(SIPURI(user: call.from, host: call.domain))>;tag=\(tag)")
        headers.add("To", "<\(target)>")
        headers.add("Call-ID", call.callID)
        headers.add("CSeq", "1 INVITE")
        headers.add("Contact", contact)
        for (name, value) in Self.capabilities where !value.isEmpty { headers.add(name, value) }
        headers.add("User-Agent", Self.userAgent)
        headers.add("Content-Type", "application/sdp")
        let invite = SIPRequest(method: .invite, uri: target, headers: headers, body: Array(call.offer.text.utf8))
        var dialog = SIPDialog(
            callID: call.callID, isInbound: false, phase: .calling, localParty: headers["From"] ?? "", remoteParty: headers["To"] ?? "",
            remoteTarget: target, peer: call.trunk, localCSeq: 1, invite: invite
        )
        dialog.credentials = call.credentials
        dialog.localDescription = call.offer
        dialog.answerDeadline = now + Self.ringTimeout
        let bytes = invite.bytes
        dialog.retransmission = SIPRetransmission(bytes, to: call.trunk, now: now, capped: false)
        dialogs[call.callID] = dialog
        return [.send(bytes, to: call.trunk)]
    }

    /// A response: to a BYE or CANCEL Parley sent, or to an INVITE of a call it places.
    mutating func receive(_ response: SIPResponse, from source: SIPPeer, now: ContinuousClock.Instant) -> [SIPAction] {
        guard let branch = response.headers["Via"].flatMap(SIPVia.init)?.branch,
            let cseq = response.headers["CSeq"].flatMap(SIPCSeq.init)
        else { return [] }
        if cseq.method != .invite {
            if !response.isProvisional { requests[branch] = nil }
            return []
        }
        let callID = response.headers["Call-ID"] ?? ""
        guard var dialog = dialogs[callID], !dialog.isInbound else {
            // A refusal of an INVITE Parley no longer tracks (it cancelled it) still wants its ACK.
            return response.status >= 300 ? [.send(Self.acknowledgement(ofRefusal: response), to: source)] : []
        }
        if response.status >= 200, response.status < 300 {
            return answered(&dialog, by: response, now: now)
        }
        guard dialog.phase == .calling, dialog.invite.headers["Via"].flatMap(SIPVia.init)?.branch == branch else { return [] }
        if response.isProvisional {
            // Someone is there: stop repeating the INVITE and wait (up to the ring timeout).
            dialog.retransmission = nil
            dialogs[callID] = dialog
            return []
        }
        let ack = Self.acknowledgement(ofRefusal: response, invite: dialog.invite)
        if response.status == 401 || response.status == 407, !dialog.authenticated, let credentials = dialog.credentials,
            let challenge = response.headers[response.status == 401 ? "WWW-Authenticate" : "Proxy-Authenticate"].flatMap(SIPDigest.init(challenge:))
        {
            var invite = dialog.invite
            invite.headers.set("Via", via(branch: Self.newBranch()))
            dialog.localCSeq += 1
            invite.headers.set("CSeq", "\(dialog.localCSeq) INVITE")
            let authorization = challenge.authorization(method: .invite, uri: invite.uri.description, credentials: credentials)
            invite.headers.set(response.status == 401 ? "Authorization" : "Proxy-Authorization", authorization)
            dialog.invite = invite
            dialog.authenticated = true
            let bytes = invite.bytes
            dialog.retransmission = SIPRetransmission(bytes, to: dialog.peer, now: now, capped: false)
            dialogs[callID] = dialog
            return [.send(ack, to: source), .send(bytes, to: dialog.peer)]
        }
        dialogs[callID] = nil
        return [.send(ack, to: source), .ended(callID: callID, .failed(status: response.status))]
    }

    /// A 2xx to Parley's INVITE: the dialog is set up (or, a repeat, acknowledged again).
    private mutating func answered(_ dialog: inout SIPDialog, by response: SIPResponse, now: ContinuousClock.Instant) -> [SIPAction] {
        if dialog.phase == .confirmed, let ack = dialog.acknowledgement { return [.send(ack, to: dialog.peer)] }
        guard dialog.phase == .calling else { return [] }
        dialog.remoteParty = response.headers["To"] ?? dialog.remoteParty
        if let target = response.headers["Contact"].flatMap(SIPNameAddress.init)?.uri { dialog.remoteTarget = target }
        dialog.routeSet = response.headers.values("Record-Route").reversed()
        dialog.retransmission = nil
        dialog.phase = .confirmed
        var headers = SIPHeaders()
        headers.add("Via", via(branch: Self.newBranch()))
        headers.add("Max-Forwards", "70")
        headers.add("From", dialog.localParty)
        headers.add("To", dialog.remoteParty)
        headers.add("Call-ID", dialog.callID)
        headers.add("CSeq", "\(dialog.localCSeq) ACK")
        for route in dialog.routeSet { headers.add("Route", route) }
        headers.add("User-Agent", Self.userAgent)
        let ack = SIPRequest(method: .ack, uri: dialog.remoteTarget, headers: headers).bytes
        dialog.acknowledgement = ack
        dialogs[dialog.callID] = dialog
        do {
            let audio = try NegotiatedAudio(from: SessionDescription(parsing: String(decoding: response.body, as: UTF8.self)))
            return [.send(ack, to: dialog.peer), .answered(callID: dialog.callID, audio)]
        } catch {
            return [.send(ack, to: dialog.peer)] + bye(dialog.callID, now: now) + [.ended(callID: dialog.callID, .failed(status: 488))]
        }
    }

    /// The ACK of a refusal, part of the INVITE transaction (RFC 3261 §17.1.1.3): the INVITE's
    /// Request-URI and top `Via`, the response's `To`; built from the response alone when the INVITE is gone.
    static func acknowledgement(ofRefusal response: SIPResponse, invite: SIPRequest? = nil) -> [UInt8] {
        var headers = SIPHeaders()
        if let via = invite?.headers["Via"] ?? response.headers["Via"] { headers.add("Via", via) }
        headers.add("Max-Forwards", "70")
        for name in ["From", "To", "Call-ID"] {
            if let value = response.headers[name] { headers.add(name, value) }
        }
        let number = response.headers["CSeq"].flatMap(SIPCSeq.init)?.number ?? 1
        headers.add("CSeq", "\(number) ACK")
        let uri = invite?.uri ?? response.headers["To"].flatMap(SIPNameAddress.init)?.uri ?? SIPURI(host: "invalid")
        return SIPRequest(method: .ack, uri: uri, headers: headers).bytes
    }
}

import Foundation

extension SIPSignaling {
    mutating func receiveBye(_ request: SIPRequest, from source: SIPPeer, now: ContinuousClock.Instant) -> [SIPAction] {
        let callID = request.headers["Call-ID"] ?? ""
        guard let dialog = dialogs[callID], dialog.phase == .confirmed || (dialog.phase == .answering && !dialog.rejected) else {
            return answer(request, 481, from: source, now: now)
        }
        dialogs[callID] = nil
        return answer(request, 200, from: source, now: now, toTag: dialog.localTag) + [.ended(callID: callID, .remoteHangUp)]
    }

    /// INFO within a call: a key press as `application/dtmf-relay` (`Signal=5`) or `application/dtmf`.
    mutating func receiveInfo(_ request: SIPRequest, from source: SIPPeer, now: ContinuousClock.Instant) -> [SIPAction] {
        let callID = request.headers["Call-ID"] ?? ""
        guard let dialog = dialogs[callID], dialog.phase == .confirmed else { return answer(request, 481, from: source, now: now) }
        var actions = answer(request, 200, from: source, now: now, toTag: dialog.localTag)
        if let key = Self.pressedKey(request) { actions.append(.pressed(callID: callID, key: key)) }
        return actions
    }

    private static func pressedKey(_ request: SIPRequest) -> String? {
        let type = request.headers["Content-Type"]?.lowercased() ?? ""
        let body = String(decoding: request.body, as: UTF8.self)
        var value: String?
        if type.hasPrefix("application/dtmf-relay") {
            for line in body.split(whereSeparator: \.isNewline) {
                let pair = line.split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0].trimmingSpaces.lowercased() == "signal" {
                    value = pair[1].trimmingSpaces
                    break
                }
            }
        } else if type.hasPrefix("application/dtmf") {
            value = body.trimmingSpaces
        }
        guard let value, value.count == 1, "0123456789*#ABCDabcd".contains(value) else { return nil }
        return value.uppercased()
    }

    /// Parley ends the call: BYE once it is set up, 480 while it waits for admission, CANCEL while
    /// a call Parley placed rings. Reports the end at once.
    public mutating func hangUp(callID: String, now: ContinuousClock.Instant) -> [SIPAction] {
        guard var dialog = dialogs[callID] else { return [] }
        switch dialog.phase {
        case .admitting:
            return reject(callID: callID, status: 480, now: now)
        case .answering:
            guard !dialog.rejected else { return [] }
            // The callee may not send BYE before the ACK of its 2xx (RFC 3261 §15).
            dialog.hangUpOnAcknowledgement = true
            dialogs[callID] = dialog
            return [.ended(callID: callID, .localHangUp)]
        case .confirmed:
            return bye(callID, now: now) + [.ended(callID: callID, .localHangUp)]
        case .calling:
            dialogs[callID] = nil
            return [.send(cancel(of: dialog.invite), to: dialog.peer), .ended(callID: callID, .localHangUp)]
        }
    }

    /// Sends BYE on a set-up call and forgets the call; the BYE is repeated until answered.
    mutating func bye(_ callID: String, now: ContinuousClock.Instant) -> [SIPAction] {
        guard var dialog = dialogs.removeValue(forKey: callID) else { return [] }
        dialog.localCSeq += 1
        let branch = Self.newBranch()
        var headers = SIPHeaders()
        headers.add("Via", via(branch: branch))
        headers.add("Max-Forwards", "70")
        headers.add("From", dialog.localParty)
        headers.add("To", dialog.remoteParty)
        headers.add("Call-ID", callID)
        headers.add("CSeq", "\(dialog.localCSeq) BYE")
        for route in dialog.routeSet { headers.add("Route", route) }
        headers.add("User-Agent", Self.userAgent)
        let bytes = SIPRequest(method: .bye, uri: dialog.remoteTarget, headers: headers).bytes
        requests[branch] = SIPRetransmission(bytes, to: dialog.peer, now: now)
        return [.send(bytes, to: dialog.peer)]
    }

    /// CANCEL of an INVITE Parley sent: its Request-URI, top `Via`, `From`, `To`, `Call-ID` and CSeq number.
    func cancel(of invite: SIPRequest) -> [UInt8] {
        var headers = SIPHeaders()
        for name in ["Via", "Max-Forwards", "From", "To", "Call-ID"] {
            if let value = invite.headers[name] { headers.add(name, value) }
        }
        let number = invite.headers["CSeq"].flatMap(SIPCSeq.init)?.number ?? 1
        headers.add("CSeq", "\(number) CANCEL")
        headers.add("User-Agent", Self.userAgent)
        return SIPRequest(method: .cancel, uri: invite.uri, headers: headers).bytes
    }
}

extension SIPSignaling {
    /// The passing of time: repeats what has gone unanswered, gives up on what has waited too long.
    public mutating func tick(now: ContinuousClock.Instant) -> [SIPAction] {
        var actions: [SIPAction] = []
        answered = answered.filter { $0.value.expires > now }
        for branch in Array(requests.keys) {
            if requests[branch]?.expired(at: now) == true {
                requests[branch] = nil
            } else if let resend = requests[branch]?.due(at: now) {
                actions.append(resend)
            }
        }
        for callID in Array(dialogs.keys) {
            guard var dialog = dialogs[callID] else { continue }
            if let deadline = dialog.answerDeadline, dialog.phase == .calling, now >= deadline {
                actions += hangUp(callID: callID, now: now)
                actions = actions.map { $0 == .ended(callID: callID, .localHangUp) ? .ended(callID: callID, .failed(status: 408)) : $0 }
                continue
            }
            guard var retransmission = dialog.retransmission else { continue }
            if retransmission.expired(at: now) {
                actions += expire(&dialog, now: now)
                continue
            }
            if let resend = retransmission.due(at: now) {
                actions.append(resend)
                dialog.retransmission = retransmission
                dialogs[callID] = dialog
            }
        }
        return actions
    }

    /// What is left of a call whose final response (or INVITE) went unanswered for 64·T1.
    private mutating func expire(_ dialog: inout SIPDialog, now: ContinuousClock.Instant) -> [SIPAction] {
        let callID = dialog.callID
        switch dialog.phase {
        case .answering where dialog.rejected:
            dialogs[callID] = nil
            return []
        case .answering:
            // No ACK for Parley's 2xx: the dialog is confirmed only to be ended (RFC 3261 §13.3.1.4).
            dialog.retransmission = nil
            dialog.phase = .confirmed
            dialogs[callID] = dialog
            return bye(callID, now: now) + [.ended(callID: callID, .unacknowledged)]
        case .calling:
            dialogs[callID] = nil
            return [.ended(callID: callID, .failed(status: 408))]
        case .confirmed, .admitting:
            // A re-INVITE's 2xx never acknowledged: the call goes on.
            dialog.retransmission = nil
            dialogs[callID] = dialog
            return []
        }
    }
}

import NIOCore

/// The one clock every call's RTP goes out by, on the media event loop (``MediaEventLoop``).
/// Each call's ``RTPPacer`` has a slot of the 20 ms round, one of 20 a millisecond apart (the
/// emptiest when it came); each millisecond the clock has the pacers of that slot send their next
/// packet. Time is counted from the clock's start, so the errors of one wake-up do not add up; a
/// stall longer than a few packets restarts it rather than sending a burst.
///
/// A timer per call woke the thread up to 15,000 times a second at 300 calls; one round for all
/// calls at once sent 300 packets in a burst whose last left 6 ms late. Slots keep each wake-up
/// to a twentieth of the calls and at most 1,000 wake-ups a second.
final class RTPClock: Sendable {
    private let loop: any EventLoop
    private let state: NIOLoopBoundBox<State>

    private struct State: Sendable {
        var slots = [[RTPPacer]](repeating: [], count: RTPClock.slots)
        /// The slot served next, and when.
        var slot = 0
        var deadline = NIODeadline.now()
        var next: Scheduled<Void>?
    }

    static let slots = 20
    static let slotInterval = TimeAmount.milliseconds(1)
    /// How far behind the clock may fall before it restarts.
    static let maxLag = TimeAmount.milliseconds(100)

    init(loop: any EventLoop) {
        self.loop = loop
        state = .makeBoxSendingValue(State(), eventLoop: loop)
    }

    /// Has `pacer` send from its slot's next turn on, until it says it is done.
    func add(_ pacer: RTPPacer) {
        loop.execute {
            let emptiest = self.state.value.slots.indices.min { self.state.value.slots[$0].count < self.state.value.slots[$1].count } ?? 0
            self.state.value.slots[emptiest].append(pacer)
            guard self.state.value.next == nil else { return }
            self.state.value.slot = emptiest
            self.state.value.deadline = .now()
            self.tick()
        }
    }

    private func tick() {
        let due = state.value.deadline
        let slot = state.value.slot
        state.value.slots[slot].removeAll { !$0.send(due: due) }
        // On to the next slot with calls in it (this one again, a round later, if it is the only one).
        guard let ahead = (1...Self.slots).first(where: { !state.value.slots[(slot + $0) % Self.slots].isEmpty }) else {
            state.value.next = nil
            return
        }
        let now = NIODeadline.now()
        var deadline = due + Self.slotInterval * Int64(ahead)
        if now - deadline > Self.maxLag { deadline = now }
        state.value.slot = (slot + ahead) % Self.slots
        state.value.deadline = deadline
        state.value.next = loop.scheduleTask(deadline: deadline) { self.tick() }
    }
}

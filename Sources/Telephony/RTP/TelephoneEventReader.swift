/// Reads the keys a caller presses from RFC 4733 telephone-event packets. A key press is sent
/// as several packets with one timestamp (the end packet three times); each press is reported
/// once, on its first packet.
public struct TelephoneEventReader: Sendable {
    private var lastEventTimestamp: UInt32?

    public init() {}

    /// The key `packet` starts, or `nil` for a repeat of a press already reported, an event that
    /// is not a key, or a payload too short.
    public mutating func key(in packet: RTPPacket) -> String? {
        guard packet.payload.count >= 4, packet.timestamp != lastEventTimestamp else { return nil }
        lastEventTimestamp = packet.timestamp
        let event = Int(packet.payload[0])
        guard event < Self.keys.count else { return nil }
        return String(Self.keys[event])
    }

    /// Events 0–15 of RFC 4733 §3.2: the digits, `*`, `#`, then A–D.
    private static let keys = Array("0123456789*#ABCD")
}

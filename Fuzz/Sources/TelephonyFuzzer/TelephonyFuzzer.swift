// libFuzzer's entry point for Telephony's parsers of what arrives from the network: SIP
// messages and their header fields, the SIP state machine (one per input, fed the input's
// datagrams, and one kept from input to input; each with its own clock), SDP offers and Parley's
// answers to them, RTP packets through a jitter buffer and the key-press reader. Besides not
// crashing, it checks that what Parley sends back reads again.
// Built with `-sanitize=fuzzer` (scripts/fuzz.sh); its `main` hands the command line to libFuzzer.
import CFuzzerDriver
import Foundation
import Telephony

@main
enum TelephonyFuzzer {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, telephonyFuzzerTestOneInput))
    }
}

/// One input; also exported under libFuzzer's usual name, for other drivers.
@_cdecl("LLVMFuzzerTestOneInput")
public func telephonyFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    fuzzFields(bytes)
    fuzzSessionDescription(bytes)
    fuzzRTP(bytes)
    let datagrams = datagrams(in: bytes)
    // A state machine of this input's own, so that a sequence that fails is one input that fails,
    // and the one that lives on.
    var fresh = SignallingHarness()
    for datagram in datagrams {
        if datagrams.count > 1 {
            fuzzSessionDescription(datagram)
            fuzzRTP(datagram)
        }
        fresh.receive(datagram)
        signalling.receive(datagram)
    }
    return 0
}

/// The state machine across inputs. libFuzzer calls the entry point on one thread only.
nonisolated(unsafe) private var signalling = SignallingHarness()

/// An input is a few datagrams, two zero bytes between them (Fuzz/corpus/sequence-* are such).
private func datagrams(in bytes: [UInt8]) -> [[UInt8]] {
    var datagrams: [[UInt8]] = []
    var start = 0
    var index = 0
    while index + 1 < bytes.count, datagrams.count < 7 {
        if bytes[index] == 0, bytes[index + 1] == 0 {
            datagrams.append(Array(bytes[start..<index]))
            index += 2
            start = index
        } else {
            index += 1
        }
    }
    datagrams.append(Array(bytes[start...]))
    return datagrams
}

private func fail(_ what: String, _ bytes: [UInt8]) -> Never {
    fatalError("\(what)\n--- bytes ---\n\(String(decoding: bytes, as: UTF8.self))\n---")
}

/// A message Parley made must read as SIP, the same kind of message.
private func requireReadable(_ bytes: [UInt8]) {
    do {
        _ = try SIPMessage(parsing: bytes)
    } catch {
        fail("Parley made a SIP message it cannot read (\(error))", bytes)
    }
}

/// The field parsers on the whole input and on each line's value (what follows its first colon),
/// so that mutations inside a message's fields reach them.
private func fuzzFields(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    var values = [Substring(text)]
    for line in text.split(whereSeparator: \.isNewline).prefix(64) {
        values.append(line.firstIndex(of: ":").map { line[line.index(after: $0)...] } ?? line)
    }
    for value in values {
        if let uri = SIPURI(value), SIPURI(uri.description) != uri {
            fail("SIPURI does not read its own text back: \(uri)", bytes)
        }
        if let address = SIPNameAddress(value), SIPNameAddress(address.description) == nil {
            fail("SIPNameAddress does not read its own text back: \(address)", bytes)
        }
        if let via = SIPVia(value), SIPVia(via.description) == nil {
            fail("SIPVia does not read its own text back: \(via)", bytes)
        }
        _ = SIPCSeq(value)
    }
    _ = SIPHeaders([("Via", text), ("v", text)]).values("via")
    guard let message = try? SIPMessage(parsing: bytes) else { return }
    // Read, written and read again, a message is the one it was.
    let written: [UInt8]
    switch message {
    case .request(let request): written = request.bytes
    case .response(let response): written = response.bytes
    }
    guard written.count <= SIPMessage.maxBytes else { return }
    do {
        let again = try SIPMessage(parsing: written)
        switch (message, again) {
        case (.request(let a), .request(let b)) where a.method == b.method && a.uri == b.uri && a.body == b.body: break
        case (.response(let a), .response(let b)) where a.status == b.status && a.body == b.body: break
        default: fail("a SIP message written out reads as another", bytes)
        }
    } catch {
        fail("a SIP message written out does not read (\(error))", bytes)
    }
}

private func fuzzSessionDescription(_ bytes: [UInt8]) {
    guard let description = try? SessionDescription(parsing: String(decoding: bytes, as: UTF8.self)) else { return }
    guard let audio = try? NegotiatedAudio(from: description) else { return }
    // Parley's answer to any offer it takes must itself be a description it can take.
    let answer = audio.answer(address: "192.0.2.10", port: 40_000, sessionID: 1, version: 1)
    do {
        let read = try NegotiatedAudio(from: SessionDescription(parsing: answer.text))
        guard read.codec == audio.codec, read.payloadType == audio.payloadType, read.remotePort == 40_000 else {
            fail("Parley's SDP answer reads back differently: \(answer.text)", bytes)
        }
    } catch {
        fail("Parley's SDP answer does not read (\(error)): \(answer.text)", bytes)
    }
}

nonisolated(unsafe) private var jitter = RTPJitterBuffer(depth: 3)
nonisolated(unsafe) private var keys = TelephoneEventReader()

private func fuzzRTP(_ bytes: [UInt8]) {
    guard let packet = RTPPacket(parsing: bytes) else { return }
    guard RTPPacket(parsing: packet.bytes) == packet else { fail("an RTP packet written out reads as another", bytes) }
    let released = jitter.insert(sequence: packet.sequenceNumber, payload: packet.payload)
    // One packet in can release what was held behind a gap, the gap concealed: never more.
    guard released.count <= (jitter.depth + 1) * (RTPJitterBuffer.maxConcealed + 1) else {
        fail("the jitter buffer released \(released.count) frames for one packet", bytes)
    }
    _ = keys.key(in: packet)
    if packet.marker, packet.payloadType == 127 { _ = jitter.flush() }
}

/// ``SIPSignaling`` fed datagrams from one of a few peers, with the time moving on between them;
/// calls it admits are accepted or refused, some hung up, a few dialled.
private struct SignallingHarness {
    var machine = SIPSignaling(local: SIPPeer(host: "192.0.2.10", port: 5060), maxCalls: 8)
    let start = ContinuousClock.now
    var elapsed = Duration.zero
    var calls: [String] = []
    var dialled = 0

    static let peers = [SIPPeer(host: "192.0.2.20", port: 5060), SIPPeer(host: "192.0.2.21", port: 5080), SIPPeer(host: "2001:db8::1", port: 5060)]

    mutating func receive(_ bytes: [UInt8]) {
        let selector = bytes.reduce(into: 0) { $0 = ($0 &* 31 &+ Int($1)) & 0xFFFF }
        elapsed += .milliseconds(selector % 700)
        let now = start + elapsed
        perform(machine.receive(bytes, from: Self.peers[selector % Self.peers.count], now: now), now: now, selector: selector)
        perform(machine.tick(now: now), now: now, selector: selector)
        if selector % 13 == 0, let callID = calls.popLast() {
            perform(machine.hangUp(callID: callID, now: now), now: now, selector: selector)
        }
        if selector % 29 == 0 {
            // Outbound calls under a few fixed Call-IDs, so that inputs can answer them.
            let callID = "fuzz-out-\(dialled % 3)"
            dialled += 1
            let offer = NegotiatedAudio.offer(address: "192.0.2.10", port: 40_002, sessionID: UInt64(dialled))
            let call = OutboundSIPCall(
                callID: callID, from: "+15550001", to: "+15550002", trunk: Self.peers[0], domain: "trunk.example",
                credentials: SIPCredentials(username: "parley", password: "secret"), offer: offer
            )
            perform(machine.dial(call, now: now), now: now, selector: selector)
        }
    }

    private mutating func perform(_ actions: [SIPAction], now: ContinuousClock.Instant, selector: Int) {
        for action in actions {
            switch action {
            case .send(let bytes, _):
                requireReadable(bytes)
            case .admit(let call):
                if selector % 3 == 0 {
                    perform(machine.reject(callID: call.callID, status: 403, now: now), now: now, selector: selector / 3 + 1)
                } else {
                    let answer = call.offer.answer(address: "192.0.2.10", port: 40_000, sessionID: 7, version: 1)
                    perform(machine.accept(callID: call.callID, answer: answer, now: now), now: now, selector: selector / 3 + 1)
                    calls.append(call.callID)
                    if calls.count > 16 { calls.removeFirst() }
                }
            case .answered, .mediaChanged, .pressed, .ended:
                break
            }
        }
    }
}

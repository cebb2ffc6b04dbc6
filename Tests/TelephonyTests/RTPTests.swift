import Foundation
import Testing
import Telephony

@Suite struct RTPTests {
    @Test func packetsSurviveARoundTrip() throws {
        let packet = RTPPacket(marker: true, payloadType: 8, sequenceNumber: 0xFFFE, timestamp: 0xDEAD_BEEF, ssrc: 0x0102_0304, payload: [1, 2, 3])
        let bytes = packet.bytes
        #expect(bytes.prefix(12) == [0x80, 0x88, 0xFF, 0xFE, 0xDE, 0xAD, 0xBE, 0xEF, 1, 2, 3, 4])
        #expect(RTPPacket(parsing: bytes) == packet)
    }

    @Test func readsPastContributingSourcesExtensionsAndPadding() throws {
        // Version 2, padding, extension, one CSRC; extension of one word; two bytes of padding.
        let bytes: [UInt8] = [0xB1, 0x00, 0, 1, 0, 0, 0, 160, 0, 0, 0, 9] + [0, 0, 0, 7] + [0xBE, 0xDE, 0, 1, 9, 9, 9, 9] + [42, 43] + [0, 2]
        let packet = try #require(RTPPacket(parsing: bytes))
        #expect(packet.payload == [42, 43] && packet.timestamp == 160 && packet.ssrc == 9)
    }

    @Test(arguments: [
        [UInt8](),
        [0x80, 0, 0, 1],
        [0x40, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5],
        [0x8F, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5],
        [0xA0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 9],
    ])
    func refusesWhatIsNotRTP(bytes: [UInt8]) {
        #expect(RTPPacket(parsing: bytes) == nil)
    }

    @Test func theWriterNumbersPacketsOnFromARandomStart() {
        var writer = RTPStreamWriter(payloadType: 0, ssrc: 5, sequenceNumber: UInt16.max, timestamp: UInt32.max - 100)
        let first = writer.packet([0], samples: 160)
        let second = writer.packet([0], samples: 160)
        #expect(first.marker && !second.marker)
        #expect(second.sequenceNumber == 0 && second.timestamp == 59)
    }

    @Test func jitterBufferPassesACleanStreamStraightThrough() {
        var buffer = RTPJitterBuffer(depth: 3)
        for sequence in UInt16(65_534)...UInt16.max {
            #expect(buffer.insert(sequence: sequence, payload: [UInt8(sequence & 0xFF)]) == [.payload([UInt8(sequence & 0xFF)])])
        }
        #expect(buffer.insert(sequence: 0, payload: [0]) == [.payload([0])])
    }

    @Test func jitterBufferReordersAndDropsLateAndDuplicatePackets() {
        var buffer = RTPJitterBuffer(depth: 3)
        #expect(buffer.insert(sequence: 10, payload: [10]) == [.payload([10])])
        #expect(buffer.insert(sequence: 12, payload: [12]).isEmpty)
        #expect(buffer.insert(sequence: 11, payload: [11]) == [.payload([11]), .payload([12])])
        #expect(buffer.insert(sequence: 11, payload: [11]).isEmpty)
        #expect(buffer.insert(sequence: 9, payload: [9]).isEmpty)
        #expect(buffer.lateOrDuplicate == 2 && buffer.lost == 0)
    }

    @Test func jitterBufferGivesUpOnALostPacketOnceItHoldsDepthPackets() {
        var buffer = RTPJitterBuffer(depth: 3)
        _ = buffer.insert(sequence: 1, payload: [1])
        #expect(buffer.insert(sequence: 3, payload: [3]).isEmpty)
        #expect(buffer.insert(sequence: 4, payload: [4]).isEmpty)
        #expect(buffer.insert(sequence: 5, payload: [5]) == [.missing, .payload([3]), .payload([4]), .payload([5])])
        #expect(buffer.lost == 1)
        // The lost one, arriving now, is late.
        #expect(buffer.insert(sequence: 2, payload: [2]).isEmpty)
    }

    @Test func jitterBufferConcealsAtMostASecondAndStartsOverOnAJump() {
        var buffer = RTPJitterBuffer(depth: 1)
        _ = buffer.insert(sequence: 0, payload: [0])
        let released = buffer.insert(sequence: 200, payload: [1])
        #expect(released.count == RTPJitterBuffer.maxConcealed + 1 && released.last == .payload([1]))
        #expect(buffer.insert(sequence: 30_000, payload: [2]) == [.payload([2])])
        #expect(buffer.insert(sequence: 30_001, payload: [3]) == [.payload([3])])
    }

    @Test func codecsDecodeSilenceAsSilence() {
        for codec in RTPAudioCodec.allCases {
            #expect(codec.decode([codec.silence]).first.map { abs($0) < 0.001 } == true)
        }
    }

    /// SIPp's own RFC 2833 recording of a key press: many packets, one press.
    @Test(arguments: [("dtmf_2833_1.pcap", "1"), ("dtmf_2833_pound.pcap", "#")])
    func readsSIPpsTelephoneEvents(file: String, key: String) throws {
        let url = URL(fileURLWithPath: "/usr/share/sip-tester/\(file)")
        let packets = try PcapUDPPayloads.read(url).compactMap(RTPPacket.init(parsing:))
        #expect(packets.count > 3)
        var reader = TelephoneEventReader()
        #expect(packets.compactMap { reader.key(in: $0) } == [key])
    }
}

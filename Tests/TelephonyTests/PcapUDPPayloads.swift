import Foundation

/// The UDP payloads of an Ethernet or Linux-cooked pcap capture of IPv4 traffic.
enum PcapUDPPayloads {
    struct Malformed: Error {}

    static func read(_ url: URL) throws -> [[UInt8]] {
        let bytes = [UInt8](try Data(contentsOf: url))
        guard bytes.count >= 24 else { throw Malformed() }
        let littleEndian = bytes[0] == 0xD4
        func word(_ at: Int) -> Int {
            let raw = bytes[at..<at + 4]
            return Int((littleEndian ? raw.reversed() : Array(raw)).reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
        }
        let linkHeader = word(20) == 113 ? 16 : 14
        var payloads: [[UInt8]] = []
        var offset = 24
        while offset + 16 <= bytes.count {
            let length = word(offset + 8)
            let frame = offset + 16
            guard frame + length <= bytes.count else { throw Malformed() }
            let ip = frame + linkHeader
            let ipHeader = Int(bytes[ip] & 0x0F) * 4
            if bytes[ip + 9] == 17 {
                let udp = ip + ipHeader
                let udpLength = Int(bytes[udp + 4]) << 8 | Int(bytes[udp + 5])
                payloads.append(Array(bytes[(udp + 8)..<(udp + udpLength)]))
            }
            offset = frame + length
        }
        return payloads
    }
}

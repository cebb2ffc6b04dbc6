import Foundation
import ParleyCore
import Testing

@Suite struct SIPAddressRangeTests {
    @Test(arguments: [
        ("203.0.113.5", "203.0.113.5", true),
        ("203.0.113.5", "203.0.113.6", false),
        ("203.0.113.0/24", "203.0.113.200", true),
        ("203.0.113.0/24", "203.0.114.1", false),
        ("203.0.113.5/24", "203.0.113.9", true),
        ("10.0.0.0/8", "10.255.255.255", true),
        ("172.16.0.0/12", "172.31.0.1", true),
        ("172.16.0.0/12", "172.32.0.1", false),
        ("0.0.0.0/0", "198.51.100.7", true),
        ("0.0.0.0/0", "::1", false),
        ("2001:db8::/32", "2001:db8:ffff::1", true),
        ("2001:db8::/32", "2001:db9::1", false),
        ("2001:DB8::/32", "2001:db8::1", true),
        ("::1", "::1", true),
        ("::1", "0:0:0:0:0:0:0:1", true),
        ("::1", "[::1]", true),
        ("::1", "::2", false),
        ("::/0", "fe80::1", true),
        ("fe80::/10", "febf::1", true),
        ("fe80::/10", "fec0::1", false),
    ])
    func containment(_ range: String, _ address: String, _ expected: Bool) throws {
        let parsed = try #require(SIPAddressRange(range))
        #expect(parsed.contains(address) == expected)
        #expect(parsed.description == range)
    }

    @Test func anIPv4MappedAddressIsTheIPv4Address() throws {
        #expect(try #require(SIPAddressRange("203.0.113.0/24")).contains("::ffff:203.0.113.9"))
        #expect(try #require(SIPAddressRange("203.0.113.0/24")).contains("::FFFF:cb00:7109"))
        #expect(try #require(SIPAddressRange("::ffff:203.0.113.5")).contains("203.0.113.5"))
        #expect(try #require(SIPAddressRange("::ffff:203.0.113.0/120")).contains("203.0.113.77"))
        #expect(try #require(SIPAddressRange("203.0.113.5")).contains("::203.0.113.5") == false, "IPv4-compatible is not mapped")
    }

    @Test(arguments: [
        "", "203.0.113", "203.0.113.5.1", "203.0.113.256", "203.0.113.05", "203.0.113.-1", "203.0.113.5/33",
        "203.0.113.5/", "203.0.113.5/-1", "203.0.113.5/+8", "203.0.113.5/8/8", " 203.0.113.5", "localhost",
        "::1/129", "1::2::3", ":::", "12345::", "2001:db8::g", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1.2.3.4::",
        "::1%eth0", "[::1]", "2001:db8::/", "١٢٣.0.113.5",
    ])
    func invalidTextIsRefused(_ text: String) {
        #expect(SIPAddressRange(text) == nil)
    }

    @Test func anUnparsableAddressIsNeverContained() throws {
        let everything = try #require(SIPAddressRange("0.0.0.0/0"))
        #expect(everything.contains("not-an-address") == false)
        #expect(everything.contains("") == false)
        #expect(everything.contains("203.0.113.5/32") == false)
    }

    @Test func aTrunkAllowsWhatAnyOfItsRangesContains() {
        let trunk = SIPTrunk(organizationID: UUID(), name: "t", allowedAddresses: ["198.51.100.1", "2001:db8::/32"])
        #expect(trunk.allows(address: "198.51.100.1"))
        #expect(trunk.allows(address: "::ffff:198.51.100.1"))
        #expect(trunk.allows(address: "2001:db8::5"))
        #expect(trunk.allows(address: "198.51.100.2") == false)
        #expect(SIPTrunk(organizationID: UUID(), name: "t", host: "sip.example.com").allows(address: "198.51.100.1") == false)
    }
}

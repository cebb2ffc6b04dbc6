import Foundation
import ParleyCore
import Testing

@Suite struct SIPTrunkValidationTests {
    static func trunk(_ configure: (inout SIPTrunk) -> Void) -> SIPTrunk {
        var trunk = SIPTrunk(organizationID: UUID(), name: "Main", allowedAddresses: ["203.0.113.0/24"])
        configure(&trunk)
        return trunk
    }

    @Test func aTrunkWithAddressesOrAHostIsValid() throws {
        try Self.trunk { _ in }.validate()
        try Self.trunk {
            $0.allowedAddresses = []
            $0.host = "sip.example.com"
            $0.username = "parley"
            $0.password = "s3cret"
            $0.outboundNumber = "+15550001111"
        }.validate()
        try Self.trunk { $0.host = "2001:db8::5" }.validate()
    }

    @Test(arguments: [
        ("trunk_name", Self.trunk { t in t.name = "  " }),
        ("provider", Self.trunk { t in t.provider = "" }),
        ("outbound_number", Self.trunk { t in t.outboundNumber = "555-0000" }),
        ("host", Self.trunk { t in t.host = "sip:pbx.example.com" }),
        ("host", Self.trunk { t in t.host = "pbx.example.com:5060" }),
        ("host", Self.trunk { t in t.host = "203.0.113.300" }),
        ("port", Self.trunk { t in t.port = 0 }),
        ("port", Self.trunk { t in t.port = 65_536 }),
        ("password", Self.trunk { t in t.username = "parley" }),
        ("username", Self.trunk { t in t.password = "s3cret" }),
        ("username", Self.trunk { t in t.username = "par\"ley"; t.password = "x" }),
        ("allowed_addresses[1]", Self.trunk { t in t.allowedAddresses = ["::1", "203.0.113.0/33"] }),
        ("allowed_addresses", Self.trunk { t in t.allowedAddresses = [] }),
    ])
    func invalidSettingsNameTheirField(_ field: String, _ trunk: SIPTrunk) {
        let error = #expect(throws: ParleyError.self) { try trunk.validate() }
        #expect(error?.detail.hasPrefix(field + " ") == true, "\(String(describing: error))")
        #expect(error?.status == 422)
    }

    @Test(arguments: [("pbx", true), ("sip.example.com", true), ("a-b.example", true), ("-a.example", false), ("a..b", false),
                      ("1.2.3.4", true), ("1.2.3", false), ("::1", true), ("", false), ("exa mple.com", false)])
    func hosts(_ text: String, _ valid: Bool) {
        #expect(SIPTrunk.isHost(text) == valid)
    }
}

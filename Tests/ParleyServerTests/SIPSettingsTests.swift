import Configuration
import ParleyServer
import Telephony
import Testing

/// The `PARLEY_SIP_*` keys.
@Suite struct SIPSettingsTests {
    private func sip(_ environment: [String: String]) throws -> SIPUserAgentConfiguration? {
        try ServerSettings(reader: ConfigReader(provider: EnvironmentVariablesProvider(environmentVariables: environment))).sip
    }

    @Test func theUserAgentListensOn5060ByDefault() throws {
        let sip = try #require(try sip([:]))
        #expect(sip.port == 5_060 && sip.rtpPorts == 10_000...20_000 && sip.maxCalls == 1_000 && sip.realtimeMedia)
        #expect(try self.sip(["PARLEY_SIP_PORT": "0"]) == nil, "0 turns SIP off")
    }

    @Test func everySIPKeyIsRead() throws {
        let sip = try #require(try sip([
            "PARLEY_SIP_PORT": "5080", "PARLEY_SIP_HOST": "10.0.0.5", "PARLEY_SIP_PUBLIC_HOST": "203.0.113.7",
            "PARLEY_SIP_RTP_PORTS": "30000-30999", "PARLEY_SIP_MAX_CALLS": "50", "PARLEY_SIP_RTP_REALTIME": "false",
        ]))
        #expect(sip.port == 5_080 && sip.bindHost == "10.0.0.5" && sip.publicHost == "203.0.113.7")
        #expect(sip.rtpPorts == 30_000...30_999 && sip.maxCalls == 50 && !sip.realtimeMedia)
    }

    @Test(arguments: [
        ["PARLEY_SIP_PORT": "70000"], ["PARLEY_SIP_RTP_PORTS": "80-90"], ["PARLEY_SIP_RTP_PORTS": "20000"], ["PARLEY_SIP_MAX_CALLS": "0"],
    ])
    func badValuesAreRefused(_ environment: [String: String]) {
        #expect(throws: (any Error).self) { try sip(environment) }
    }
}

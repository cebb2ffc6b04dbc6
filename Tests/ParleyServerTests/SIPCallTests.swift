import Audio
import Engines
import Foundation
import Hummingbird
import HummingbirdTesting
import ParleyCore
@testable import ParleyServer
import Telephony
import TestSupport
import Testing

/// Phone calls over SIP end to end: SIPp (a real SIP peer) calls Parley through a trunk, against
/// the real local engines.
@Suite(.serialized, .oneLiveCallAtATime, .enabled(if: SIPp.isAvailable && LocalEngines.llamaAvailable && LocalEngines.whisperAvailable && LocalEngines.piperAvailable && LocalEngines.vadAvailable))
struct SIPCallTests {
    static let number = "+15550100"

    /// A server taking SIP calls, `number` going to an agent that answers in a whole sentence
    /// (a one-word answer in half a minute of line is too little for Whisper to hear back).
    private func fixture() async throws -> (ServerFixture, Int) {
        try await ServerFixture.withSIP(routing: Self.number) { fixture in
            try await fixture.addAgent { $0.systemPrompt = "You are a helpful assistant on the telephone. Answer every question in one whole sentence." }
        }
    }

    @Test func sippCallsAnAgentPressesKeysAndHearsItsAnswer() async throws {
        let (fixture, sipPort) = try await fixture()
        let question = try await CallerVoice.say("What is the capital of France?")
        let questionFile = FileManager.default.temporaryDirectory.appendingPathComponent("question-\(UUID().uuidString).ulaw")
        // Raw µ-law at 8 kHz, as SIPp's rtp_stream plays it, then a second of silence to end the turn.
        let ulaw = try PCMAudio(samples: question, sampleRate: 16_000).resampled(to: 8_000).muLaw + [UInt8](repeating: 0xFF, count: 8_000)
        try Data(ulaw).write(to: questionFile)
        try await fixture.application().test(.live) { _ in
            let (run, packets) = try await RTPRecorder.recording { recorder in
                try await SIPp.run(
                    scenario: "uac_question.xml",
                    values: ["NUMBER": Self.number, "LISTEN_PORT": String(recorder.port), "QUESTION": questionFile.path, "LISTEN_MS": "30000"],
                    remotePort: sipPort
                )
            }
            #expect(run.status == 0, "SIPp: \(run.output)")

            let call = try #require(try await fixture.store.calls(organizationID: fixture.organization.id, limit: 10, after: nil).calls.first)
            #expect(call.transport == .sip)
            #expect(call.line?.to == Self.number && call.line?.from == "+15550001111" && call.line?.callID != nil)
            var turns: [CallTurn] = []
            for _ in 0..<100 where turns.count < 2 {
                turns = try await fixture.store.turns(callID: call.id, organizationID: fixture.organization.id)
                try await Task.sleep(for: .milliseconds(100))
            }
            let recorded = try #require(try await fixture.store.call(id: call.id, organizationID: fixture.organization.id))
            #expect(recorded.digits == "12", "the RFC 2833 key press and the INFO one are in the call record")
            #expect(turns.first?.text.lowercased().contains("capital of france") == true, "\(turns)")
            let reply = try #require(turns.first { $0.role == .assistant })

            // Parley sent PCMU in 20 ms packets of one stream, and what it sent is the reply.
            #expect(packets.count > 100)
            #expect(packets.allSatisfy { $0.payloadType == 0 && $0.payload.count == 160 && $0.ssrc == packets[0].ssrc })
            let heard = try await Self.transcribe(packets)
            let replyWords = Set(Self.words(reply.text))
            let shared = replyWords.intersection(Self.words(heard))
            #expect(Double(shared.count) >= Double(replyWords.count) * 0.5, "sent '\(reply.text)', the line carried '\(heard)'")
        }
    }

    @Test func anAgentCallsOutThroughATrunkThatAuthenticatesAndHangsUp() async throws {
        let (fixture, _) = try await fixture()
        let trunkPort = Int.random(in: 45_000...47_999)
        let trunk = SIPTrunk(
            organizationID: fixture.organization.id, name: "sipp", outboundNumber: "+15550100", host: "127.0.0.1", port: trunkPort,
            username: "parley", password: "s3cret"
        )
        try await fixture.store.insertSIPTrunk(trunk)
        try await fixture.application().test(.live) { client in
            let ((run, placed), packets) = try await RTPRecorder.recording { recorder in
                try await withThrowingTaskGroup { group in
                    group.addTask {
                        try await SIPp.run(scenario: "uas_answer.xml", values: ["LISTEN_PORT": String(recorder.port), "PASSWORD": "s3cret"], remotePort: nil, localPort: trunkPort)
                    }
                    try await Task.sleep(for: .milliseconds(500))
                    let body = json(["agent_id": fixture.agent.id.lowercasedString, "to_number": "+15550199", "trunk_id": trunk.id.lowercasedString])
                    let created = try await client.call(.post, "/sip/call", key: fixture.apiKey, body: body)
                    #expect(created.status == .created, "\(created.text)")
                    let id = try #require(try created.object()["call_id"] as? String)
                    #expect(try created.object()["from_number"] as? String == "+15550100")
                    // Answered, the agent greets the callee; then Parley hangs up.
                    var record: [String: Any] = [:]
                    for _ in 0..<300 {
                        record = try await client.call(.get, "/sip/call/\(id)", key: fixture.apiKey).object()
                        if record["conversation_call_id"] is String { break }
                        try await Task.sleep(for: .milliseconds(100))
                    }
                    #expect(record["status"] as? String == "answered", "\(record)")
                    try await Task.sleep(for: .seconds(5))
                    #expect(try await client.call(.delete, "/sip/call/\(id)", key: fixture.apiKey).status == .noContent)
                    let run = try await group.next()
                    return (run, try await client.call(.get, "/sip/call/\(id)", key: fixture.apiKey).object()["status"] as? String)
                }
            }
            #expect(run?.status == 0, "SIPp: \(run?.output ?? "")")
            #expect(placed == "completed")
            let call = try #require(try await fixture.store.calls(organizationID: fixture.organization.id, limit: 10, after: nil).calls.first)
            #expect(call.transport == .sip && call.line?.to == "+15550199" && call.line?.from == "+15550100")
            let heard = try await Self.transcribe(packets)
            #expect(heard.lowercased().contains("hello"), "the callee heard '\(heard)'")
        }
    }

    @Test func rtpFromAnotherHostIsNotHeard() async throws {
        let (fixture, sipPort) = try await fixture()
        try await fixture.application().test(.live) { _ in
            try await SIPTestClient.with(serverPort: sipPort) { caller in
                try await SIPTestClient.with(host: "127.0.0.2", serverPort: sipPort) { stranger in
                    let callID = "wrong-host-\(UUID().uuidString)"
                    let invite = caller.invite(callID: callID, to: Self.number)
                    try await caller.send(invite)
                    // Answered once the agent's engines are ready.
                    let ok = try #require(try await caller.finalResponse(callID: callID, method: .invite, within: .seconds(60)))
                    #expect(ok.status == 200)
                    let answer = try SessionDescription(parsing: String(decoding: ok.body, as: UTF8.self))
                    let rtpPort = try #require(answer.media.first?.port)
                    let toTag = try #require(ok.headers["To"]?.components(separatedBy: ";tag=").last)
                    var ack = caller.request(.ack, callID: callID, uri: invite.uri, toTag: toTag)
                    ack.headers.set("From", invite.headers["From"] ?? "")
                    try await caller.send(ack)

                    // Key 5 from a host the call did not agree on, then key 7 from the caller's.
                    func keyPress(_ event: UInt8, timestamp: UInt32) -> [UInt8] {
                        RTPPacket(marker: true, payloadType: 101, sequenceNumber: UInt16(timestamp % 65_536), timestamp: timestamp, ssrc: 7, payload: [event, 0x0A, 0, 160]).bytes
                    }
                    try await stranger.send(keyPress(5, timestamp: 1_000), toPort: rtpPort)
                    try await Task.sleep(for: .milliseconds(300))
                    try await caller.send(keyPress(7, timestamp: 2_000), toPort: rtpPort)
                    try await Task.sleep(for: .milliseconds(300))

                    var bye = caller.request(.bye, callID: callID, uri: invite.uri, cseq: 2, toTag: toTag)
                    bye.headers.set("From", invite.headers["From"] ?? "")
                    try await caller.send(bye)
                    #expect(try await caller.finalResponse(callID: callID, method: .bye)?.status == 200)
                }
            }
            var call: Call?
            for _ in 0..<50 {
                call = try await fixture.store.calls(organizationID: fixture.organization.id, limit: 10, after: nil).calls.first
                if call?.endedAt != nil { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            let recorded = try await fixture.store.call(id: try #require(call?.id), organizationID: fixture.organization.id)
            #expect(recorded?.digits == "7", "only the key from the negotiated host is heard")
        }
    }

    /// What the PCMU packets first say: the first stretch of speech, up to a second of silence
    /// (µ-law 0xFF or 0x7F), with a little silence around it. Later stretches (the agent asking
    /// whether the caller is still there) are left out: beside them Whisper missed a one-word reply.
    private static func transcribe(_ packets: [RTPPacket]) async throws -> String {
        let isSilence = { (payload: [UInt8]) in payload.allSatisfy { $0 == 0xFF || $0 == 0x7F } }
        let payloads = packets.map(\.payload)
        guard let first = payloads.firstIndex(where: { !isSilence($0) }) else { return "" }
        var end = first
        var quiet = 0
        for index in payloads.indices[first...] {
            if isSilence(payloads[index]) { quiet += 1 } else { (quiet, end) = (0, index) }
            if quiet == 50 { break }
        }
        let padding = [UInt8](repeating: 0xFF, count: 4_000)
        let spoken = padding + payloads[first...end].flatMap { $0 } + padding
        return try await WhisperSpeechToText(modelPath: LocalEngines.whisperTiny)
            .transcribe(PCMAudio(muLaw: spoken).resampled(to: 16_000), language: "en")
    }

    private static func words(_ text: String) -> [String] {
        text.lowercased().split { !$0.isLetter }.map(String.init)
    }
}

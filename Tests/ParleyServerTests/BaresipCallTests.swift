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

/// A phone call from baresip (a real softphone, headless) to Parley through a trunk, against the
/// real local engines: baresip speaks a question from a WAV file, records what it hears, and hangs
/// up (through its console) once the agent has answered.
@Suite(.serialized, .oneLiveCallAtATime, .enabled(if: Baresip.isAvailable && LocalEngines.llamaAvailable && LocalEngines.whisperAvailable && LocalEngines.piperAvailable && LocalEngines.vadAvailable))
struct BaresipCallTests {
    static let number = "+15550100"

    /// A server taking SIP calls, with a rule sending `number` to an agent that answers briefly
    /// (so that its answer fits in the call).
    private func fixture() async throws -> (ServerFixture, Int) {
        try await ServerFixture.withSIP(routing: Self.number) { fixture in
            try await fixture.addAgent {
                $0.systemPrompt = "You are a helpful assistant on the telephone. Answer every question in one short sentence."
            }
        }
    }

    @Test func baresipCallsAnAgentHearsItsAnswerAndHangsUp() async throws {
        let (fixture, sipPort) = try await fixture()
        let question = try await CallerVoice.say("What is the capital of France?")
        // The question, then silence for as long as the call may last: baresip hangs up once the
        // agent's answer is in the transcript (the agent's first reply waits for llama-server to
        // start, which takes seconds on a busy machine).
        let longest = 60
        let microphone = PCMAudio(samples: question + [Float](repeating: 0, count: 16_000 * longest), sampleRate: 16_000)
        try await fixture.application().test(.live) { _ in
            var turns: [CallTurn] = []
            let run = try await Baresip.dial("sip:\(Self.number)@127.0.0.1:\(sipPort)", speaking: microphone, quitAfter: longest + 5) {
                // Until the reply has played (it is recorded then), and half a second more for
                // its last packets to arrive.
                let deadline = ContinuousClock.now + .seconds(longest)
                while ContinuousClock.now < deadline, !turns.contains(where: { $0.role == .assistant }) {
                    try await Task.sleep(for: .milliseconds(200))
                    if let call = try await fixture.store.calls(organizationID: fixture.organization.id, limit: 1, after: nil).calls.first {
                        turns = try await fixture.store.turns(callID: call.id, organizationID: fixture.organization.id)
                    }
                }
                try await Task.sleep(for: .milliseconds(500))
            }
            #expect(run.status == 0, "baresip: \(run.tail)")

            // The signalling: baresip's INVITE answered 200 with an answer, its ACK, its BYE answered 200.
            let messages = run.sipMessages
            let invite = try #require(messages.first { $0.sent && $0.startLine.hasPrefix("INVITE ") }, "no INVITE: \(run.tail)")
            #expect(invite.text.contains("m=audio "), "\(invite.text)")
            let answer = try #require(messages.first { !$0.sent && $0.startLine.hasPrefix("SIP/2.0 200") && $0.cseqMethod == "INVITE" }, "INVITE not answered 200: \(run.tail)")
            #expect(answer.text.contains("m=audio ") && (answer.text.contains("RTP/AVP 0") || answer.text.contains("RTP/AVP 8")), "\(answer.text)")
            #expect(messages.contains { $0.sent && $0.startLine.hasPrefix("ACK ") })
            #expect(messages.contains { $0.sent && $0.startLine.hasPrefix("BYE ") }, "baresip hung up")
            #expect(messages.contains { !$0.sent && $0.startLine.hasPrefix("SIP/2.0 200") && $0.cseqMethod == "BYE" }, "Parley answered the BYE: \(run.tail)")
            #expect(!messages.contains { !$0.sent && $0.startLine.hasPrefix("BYE ") }, "Parley did not hang up first")

            // The call record: a SIP call, ended by the hang-up.
            let first = try #require(try await fixture.store.calls(organizationID: fixture.organization.id, limit: 10, after: nil).calls.first)
            var call = first
            for _ in 0..<50 where call.status == .active || call.endedAt == nil {
                try await Task.sleep(for: .milliseconds(100))
                call = try #require(try await fixture.store.call(id: first.id, organizationID: fixture.organization.id))
            }
            #expect(call.transport == .sip)
            #expect(call.line?.to == Self.number && call.line?.from == "+15550001111" && call.line?.callID != nil, "\(String(describing: call.line))")
            #expect(call.status == .completed && call.endedAt != nil, "the call ended: \(call.status) \(String(describing: call.endedAt))")

            turns = try await fixture.store.turns(callID: call.id, organizationID: fixture.organization.id)
            #expect(turns.first { $0.role == .user }?.text.lowercased().contains("capital of france") == true, "\(turns)")
            let reply = try #require(turns.first { $0.role == .assistant }, "no reply in \(turns); baresip's log and recording are in \(run.directory)")

            // What baresip heard is the agent's answer.
            let heard = try #require(run.heard, "baresip recorded nothing: \(run.tail)")
            // Mostly silence around the reply: the loudest 100 ms tells whether there is speech,
            // and only from the first loud 100 ms to the last is transcribed.
            let levels = stride(from: 0, to: heard.samples.count, by: 800).map { start -> Float in
                let window = heard.samples[start..<min(start + 800, heard.samples.count)]
                let energy: Float = window.reduce(0) { $0 + $1 * $1 }
                return (energy / Float(window.count)).squareRoot()
            }
            let loudest = levels.max() ?? 0
            #expect(loudest > 0.02, "baresip heard silence (loudest 100 ms at RMS \(loudest))")
            let spoken = (levels.firstIndex { $0 > 0.005 } ?? 0)...(levels.lastIndex { $0 > 0.005 } ?? 0)
            let speech = Array(heard.samples[max(0, spoken.lowerBound - 3) * 800..<min(heard.samples.count, (spoken.upperBound + 4) * 800)])
            let text = try await WhisperSpeechToText(modelPath: LocalEngines.whisperTiny)
                .transcribe(PCMAudio(samples: speech, sampleRate: heard.sampleRate).resampled(to: 16_000), language: "en")
            let replyWords = Set(Self.words(reply.text))
            let shared = replyWords.intersection(Self.words(text))
            #expect(!replyWords.isEmpty && Double(shared.count) >= Double(replyWords.count) * 0.5, "sent '\(reply.text)', baresip heard '\(text)'")
        }
    }

    private static func words(_ text: String) -> [String] {
        text.lowercased().split { !$0.isLetter }.map(String.init)
    }
}

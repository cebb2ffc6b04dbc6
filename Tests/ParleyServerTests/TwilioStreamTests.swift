import Audio
import Engines
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import ParleyCore
@testable import ParleyServer
import TestSupport
import Testing

/// A phone call through Twilio end to end: the voice webhook's TwiML, then a Media Streams
/// session with a spoken question, against the real local engines.
@Suite(.serialized, .oneLiveCallAtATime, .enabled(if: LocalEngines.llamaAvailable && LocalEngines.whisperAvailable && LocalEngines.piperAvailable && LocalEngines.vadAvailable))
struct TwilioStreamTests {
    private func fixture() async throws -> ServerFixture {
        try await ServerFixture.make { settings in
            settings.port = 0
            settings.engines.speechToTextModel = "tiny.en"
        }
    }

    @Test func aCallerIsHeardAndAnsweredInTwentyMillisecondFrames() async throws {
        let fixture = try await fixture()
        // A one-word answer would be too short to show its pacing.
        let agent = try await fixture.addAgent { $0.systemPrompt = "You are a helpful assistant on the telephone. Answer every question in one whole sentence." }
        try await fixture.application().test(.live) { client in
            let port = try #require(client.port)
            let parameters = ["api_key": fixture.apiKey, "agent_id": agent.id.lowercasedString, "from": "+15550001111", "to": "+15550002222"]
            let (close, log) = try await TwilioStreamClient.connect(port: port, parameters: parameters) { outbound, log in
                try await outbound.write(.text(#"{"event":"dtmf","streamSid":"\#(TwilioStreamClient.streamSid)","dtmf":{"track":"inbound_track","digit":"7"}}"#))
                try await TwilioStreamClient.speak(try await CallerVoice.say("What is the capital of France?"), to: outbound)
                try await TwilioStreamClient.listening(on: outbound) {
                    // The reply's first piece, and its mark; then until the reply has been sent whole.
                    _ = try await log.waitForAudio(timeout: .seconds(90))
                    _ = try await log.waitForMessage("mark", timeout: .seconds(30))
                    try await log.waitUntilQuiet(for: .seconds(2))
                }
            }
            #expect(close?.closeCode == .normalClosure, "the stream ends when Twilio stops it")

            let media = await log.items.compactMap { if case .audio(let bytes) = $0.item { (at: $0.at, bytes: bytes) } else { nil } }
            let frames = media.map(\.bytes)
            #expect(!frames.isEmpty)
            #expect(frames.allSatisfy { $0.count == 160 }, "every media message is 20 ms")
            // Paced as they play, a little ahead: any `span` frames take most of their playing
            // time to come, not the instant a burst would (a lead of 6 frames, 150 ms for stalls).
            #expect(media.count > 20, "a sentence is longer than 400 ms")
            let span = min(50, media.count - 1)
            let fastest = zip(media, media.dropFirst(span)).map { $1.at - $0.at }.min()
            let bound = TwilioPlayout.frameDuration * (span - 6) - .milliseconds(150)
            #expect(fastest.map { $0 >= bound } ?? false, "\(span) frames came within \(fastest.map(String.init(describing:)) ?? "-")")

            let call = try #require(try await fixture.store.calls(organizationID: fixture.organization.id, limit: 10, after: nil).calls.first)
            #expect(call.transport == .twilio)
            #expect(call.line == PhoneLine(callID: "CA0", from: "+15550001111", to: "+15550002222"))
            #expect(call.digits == "7")
            var turns: [CallTurn] = []
            for _ in 0..<100 where turns.count < 2 {
                turns = try await fixture.store.turns(callID: call.id, organizationID: fixture.organization.id)
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(turns.first?.text.lowercased().contains("capital of france") == true, "\(turns)")
            let reply = try #require(turns.first { $0.role == .assistant })

            // What went down the line is the reply itself: transcribed, it has the reply's words.
            let heard = try await WhisperSpeechToText(modelPath: LocalEngines.whisperTiny)
                .transcribe(PCMAudio(muLaw: frames.flatMap { $0 }).resampled(to: 16_000), language: "en")
            let replyWords = Set(Self.words(reply.text))
            let shared = replyWords.intersection(Self.words(heard))
            #expect(Double(shared.count) >= Double(replyWords.count) * 0.5, "sent '\(reply.text)', the line carried '\(heard)'")
        }
    }

    @Test func aCallerCuttingInClearsWhatTwilioHasNotPlayed() async throws {
        let fixture = try await fixture()
        let agent = try await fixture.addStoryteller()
        try await fixture.application().test(.live) { client in
            let port = try #require(client.port)
            let parameters = ["api_key": fixture.apiKey, "agent_id": agent.id.lowercasedString]
            let interruption = try await CallerVoice.say("Stop, please wait a moment.")
            let (_, log) = try await TwilioStreamClient.connect(port: port, parameters: parameters) { outbound, log in
                try await TwilioStreamClient.speak(try await CallerVoice.say("Tell me a story about a dragon."), to: outbound)
                let first = try await TwilioStreamClient.listening(on: outbound) { try await log.waitForAudio(timeout: .seconds(60)).index }
                try await TwilioStreamClient.speak(VoiceSocketClient.silence(.milliseconds(500)), to: outbound)
                try await TwilioStreamClient.speak(interruption + VoiceSocketClient.silence(.seconds(1)), to: outbound)
                _ = try await log.waitForMessage("clear", after: first, timeout: .seconds(5))
            }
            let cleared = try #require(await log.messages.firstIndex { $0.type == "clear" })
            #expect(cleared >= 0)
        }
    }

    @Test func aWorkspaceTicketAdmitsTheStreamAndAForgedOneDoesNot() async throws {
        let fixture = try await fixture()
        let token = "0123456789abcdef0123456789abcdef"
        try await fixture.store.setTwilioAuthToken(token, organizationID: fixture.organization.id)
        let ticket = TwilioStreamTicket(organizationID: fixture.organization.id, agentID: fixture.agent.id, expires: Int(Date().timeIntervalSince1970) + 60)
        let parameters = Dictionary(uniqueKeysWithValues: ticket.parameters.map { ($0.name, $0.value) })
        try await fixture.application().test(.live) { client in
            let port = try #require(client.port)
            let forged = parameters.merging(["ticket": ticket.signature(authToken: "ffffffffffffffffffffffffffffffff")]) { $1 }
            let (refused, _) = try await TwilioStreamClient.connect(port: port, parameters: forged) { _, log in try await log.waitForClose() }
            #expect(refused.map { Int(UInt16(webSocketErrorCode: $0.closeCode)) } == 4001)
            #expect(try await fixture.store.calls(organizationID: fixture.organization.id, limit: 10, after: nil).calls.isEmpty)

            let signed = parameters.merging(["ticket": ticket.signature(authToken: token)]) { $1 }
            let (close, _) = try await TwilioStreamClient.connect(port: port, parameters: signed) { outbound, _ in
                try await TwilioStreamClient.speak(VoiceSocketClient.silence(.milliseconds(500)), to: outbound)
            }
            #expect(close?.closeCode == .normalClosure)
            let call = try #require(try await fixture.store.calls(organizationID: fixture.organization.id, limit: 10, after: nil).calls.first)
            #expect(call.transport == .twilio && call.agentID == fixture.agent.id)
        }
    }

    private static func words(_ text: String) -> [String] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }
}

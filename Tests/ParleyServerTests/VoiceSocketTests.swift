import Audio
import Foundation
import HummingbirdWSClient
import NIOCore
import NIOWebSocket
import Synchronization
import Hummingbird
import HummingbirdTesting
import ParleyCore
@testable import ParleyServer
import TestSupport
import Testing

/// `/ws/voice` end to end: a real socket, the real local engines (Silero, Whisper tiny.en,
/// Qwen2.5 0.5B through llama-server, Piper), a caller speaking in real time.
@Suite(.serialized, .oneLiveCallAtATime, .enabled(if: LocalEngines.llamaAvailable && LocalEngines.whisperAvailable && LocalEngines.piperAvailable && LocalEngines.vadAvailable))
struct VoiceSocketTests {
    private func fixture(credits: Int64 = 100, configure: (inout ServerSettings) -> Void = { _ in }) async throws -> ServerFixture {
        try await ServerFixture.make(credits: credits) { settings in
            settings.port = 0
            settings.engines.speechToTextModel = "tiny.en"
            configure(&settings)
        }
    }

    private func query(_ fixture: ServerFixture, agent: Agent? = nil, extra: String = "") -> String {
        "api_key=\(fixture.apiKey)&agent_id=\((agent ?? fixture.agent).id.lowercasedString)\(extra)"
    }

    /// Speaks `line`, then silence until the agent's reply has been sent whole and has played;
    /// answers the index of the log where the reply ended.
    private static func ask(_ line: String, outbound: WebSocketOutboundWriter, log: VoiceSocketLog) async throws -> Int {
        let start = await log.items.count
        try await VoiceSocketClient.speak(try await CallerVoice.say(line), to: outbound)
        let end = try await VoiceSocketClient.listening(on: outbound) {
            let end = try await log.waitForMessage("audioEnd", after: start, timeout: .seconds(90)).index
            let first = try await log.waitForAudio(after: start)
            let playing = try await log.audioDuration(first.index..<end)
            try await Task.sleep(until: first.at + playing + .milliseconds(300), clock: .continuous)
            return end
        }
        return end
    }

    @Test func aTwoTurnConversation() async throws {
        let fixture = try await fixture()
        try await fixture.application().test(.live) { client in
            let port = try #require(client.port)
            let (close, log) = try await VoiceSocketClient.connect(port: port, query: query(fixture)) { outbound, log in
                _ = try await log.waitForMessage("connected")
                _ = try await Self.ask("What is the capital of France?", outbound: outbound, log: log)
                _ = try await Self.ask("Thank you very much.", outbound: outbound, log: log)
            }
            #expect(close?.closeCode == .normalClosure)
            let connected = try #require(await log.messages.first)
            #expect(connected.type == "connected")
            #expect(connected.agentName == "Support Agent")
            let heard = await log.finals("user")
            #expect(heard.count == 2, "\(heard)")
            #expect(heard.first?.lowercased().contains("capital of france") == true, "\(heard)")
            #expect(heard.last?.lowercased().contains("thank you") == true, "\(heard)")
            #expect(await log.finals("assistant").count == 2)

            // Every piece of speech is a standalone 24 kHz MP3.
            let audio = await log.items.compactMap { if case .audio(let bytes) = $0.item { bytes } else { nil } }
            #expect(!audio.isEmpty)
            for piece in audio {
                #expect(try MP3Decoder.decode(piece).sampleRate == 24_000)
            }

            // The call record holds the transcript, with each reply's timeline.
            let callID = try #require(connected.callId.flatMap(UUID.init(uuidString:)))
            let turns = try await waitForTurns(fixture, callID: callID, count: 4)
            #expect(turns.map(\.role) == [.user, .assistant, .user, .assistant])
            #expect(turns[0].text == heard[0])
            let latency = try #require(turns[1].latency)
            let stages = [latency.transcriptMs, latency.firstTokenMs, latency.firstAudioMs, latency.firstByteSentMs].compactMap { $0 }
            #expect(stages.count == 4 && stages == stages.sorted(), "stages in order: \(latency)")
            let call = try await fixture.store.call(id: callID, organizationID: fixture.organization.id)
            #expect(call?.status == .completed && call?.endedAt != nil)
            // One credit for each minute the call started.
            let started = Int64(((call?.durationSeconds ?? 0) / 60).rounded(.down)) + 1
            let balance = try await fixture.store.creditBalance(organizationID: fixture.organization.id)
            #expect(balance <= 100 - started && balance >= 99 - started, "\(balance) after \(started) started minutes")
        }
    }

    @Test func bargeInStopsTheReplyAndKeepsOnlyWhatWasHeard() async throws {
        let fixture = try await fixture()
        let agent = try await fixture.addStoryteller()
        try await fixture.application().test(.live) { client in
            let port = try #require(client.port)
            let interruption = try await Self.speakOver(agent, fixture: fixture, port: port)
            #expect(interruption.stopAfter < .milliseconds(600), "audioStop \(interruption.stopAfter) after the caller began")
            let turns = try await waitForTurns(fixture, callID: interruption.callID, count: 3)
            // What the story left in the history follows the caller's first line; nothing, when not
            // one whole word of it had played.
            let kept = turns.dropFirst().first.flatMap { $0.role == .assistant ? $0.text : nil } ?? ""
            let keptWords = kept.split(separator: " ").count
            switch interruption.playedOut {
            case false?:
                #expect(keptWords < interruption.sentWords, "history keeps what was heard, not all that was sent: \(kept)")
            case true?:
                #expect(keptWords == interruption.sentWords, "all that was sent had played before the stop: \(kept)")
            case nil:
                #expect(keptWords <= interruption.sentWords, "history keeps at most what was sent: \(kept)")
            }
        }
    }

    /// Asks for a long story, cuts in shortly after it starts, and measures how soon the
    /// speech is stopped; answers too how many words had been sent, and whether all of that had
    /// played out on the caller's side by the stop (`nil` when it ended too near the stop to tell).
    private static func speakOver(
        _ agent: Agent, fixture: ServerFixture, port: Int
    ) async throws -> (stopAfter: Duration, callID: UUID, sentWords: Int, playedOut: Bool?) {
        let interruption = try await CallerVoice.say("Stop, please wait a moment.")
        let result = Mutex<(Duration, Int, Bool?)?>(nil)
        let (_, log) = try await VoiceSocketClient.connect(port: port, query: "api_key=\(fixture.apiKey)&agent_id=\(agent.id.lowercasedString)&audio_format=pcm16") { outbound, log in
            _ = try await log.waitForMessage("connected")
            let start = await log.items.count
            try await VoiceSocketClient.speak(try await CallerVoice.say("Tell me a story about a dragon."), to: outbound)
            let first = try await VoiceSocketClient.listening(on: outbound) {
                try await log.waitForAudio(after: start, timeout: .seconds(60)).index
            }
            try await VoiceSocketClient.speak(VoiceSocketClient.silence(.milliseconds(300)), to: outbound)
            let before = await log.items.count
            let began = ContinuousClock.now
            try await VoiceSocketClient.speak(interruption + VoiceSocketClient.silence(.seconds(1)), to: outbound)
            let stop = try await log.waitForMessage("audioStop", after: first, timeout: .seconds(5))
            // What was queued for the caller before the stop: the last partial transcript.
            let partials = await log.messages.filter { $0.type == "transcript" && $0.payload?.role == "assistant" && $0.payload?.isFinal == false }
            let sent = partials.last?.payload?.text?.split(separator: " ").count ?? 0
            #expect(stop.index >= before, "stopped by the interruption, not before it")
            // When what was sent would have finished playing, each piece starting when it came or
            // when the one before it ended (PCM16 at 24 kHz, so that its length is exact).
            var playbackEnd: ContinuousClock.Instant?
            for (at, item) in await log.items[start..<stop.index] {
                guard case .audio(let bytes) = item else { continue }
                playbackEnd = max(playbackEnd ?? at, at) + .microseconds(bytes.count / 2 * 1_000_000 / 24_000)
            }
            let margin = Duration.milliseconds(150)
            let playedOut: Bool? = playbackEnd.flatMap { end in
                end < stop.at - margin ? true : end > stop.at + margin ? false : nil
            }
            result.withLock { $0 = (stop.at - began, sent, playedOut) }
            _ = try await log.waitForMessage("transcript", after: stop.index)
        }
        let callID = try #require(await log.messages.first?.callId.flatMap(UUID.init(uuidString:)))
        let (stopAfter, sent, playedOut) = try #require(result.withLock { $0 })
        return (stopAfter, callID, sent, playedOut)
    }

    @Test func aResumedSessionRemembersWhatWasSaid() async throws {
        let fixture = try await fixture()
        try await fixture.application().test(.live) { client in
            let port = try #require(client.port)
            let (_, first) = try await VoiceSocketClient.connect(port: port, query: query(fixture)) { outbound, log in
                _ = try await log.waitForMessage("connected")
                _ = try await Self.ask("Hello, my name is Alice.", outbound: outbound, log: log)
            }
            let historyKey = try #require(await first.messages.first?.historyKey)
            let (_, second) = try await VoiceSocketClient.connect(port: port, query: query(fixture, extra: "&session_id=\(historyKey)")) { outbound, log in
                _ = try await log.waitForMessage("connected")
                _ = try await Self.ask("What is my name?", outbound: outbound, log: log)
            }
            #expect(await second.messages.first?.historyKey == historyKey)
            let answer = await second.finals("assistant").joined(separator: " ")
            #expect(answer.contains("Alice"), "\(answer)")
        }
    }

    @Test func everyRefusedClientHearsTheClose() async throws {
        // A close sent with the upgrade response and the FIN was lost by this client (the same
        // one `parley call` uses) about one time in two, leaving it waiting forever. Many
        // clients at once make the server's replies coalesce as on a loaded machine.
        let fixture = try await fixture()
        try await fixture.application().test(.live) { client in
            let port = try #require(client.port)
            let codes = try await withThrowingTaskGroup(of: UInt16?.self) { group in
                for _ in 0..<40 {
                    group.addTask {
                        let (close, _) = try await VoiceSocketClient.connect(port: port, query: "api_key=pk_wrong") { _, log in
                            try await log.waitForClose(timeout: .seconds(5))
                        }
                        return close.map { UInt16(webSocketErrorCode: $0.closeCode) }
                    }
                }
                return try await group.reduce(into: [UInt16?]()) { $0.append($1) }
            }
            #expect(codes == Array(repeating: 4001, count: 40))
        }
    }

    @Test func refusedConnectionsCloseWithSeedCodes() async throws {
        let fixture = try await fixture { $0.sessionsPerMinute = 3 }
        let broke = try await ServerFixture.addOrganization(to: fixture.store, name: "broke-\(UUID())", credits: 0)
        let brokeAgent = Agent(organizationID: broke.0.id, settings: AgentSettings(name: "Broke"))
        try await fixture.store.insertAgent(brokeAgent)
        var inactive = AgentSettings(name: "Off")
        inactive.isActive = false
        let off = try await fixture.addAgent { $0 = inactive }
        try await fixture.application().test(.live) { client in
            let port = try #require(client.port)
            func code(_ query: String) async throws -> Int? {
                let (close, _) = try await VoiceSocketClient.connect(port: port, query: query) { _, log in
                    // The server closes; wait for it rather than closing first.
                    try await log.waitForClose()
                }
                return close.map { Int(UInt16(webSocketErrorCode: $0.closeCode)) }
            }
            #expect(try await code("agent_id=\(fixture.agent.id.lowercasedString)") == 4001)
            #expect(try await code("api_key=pk_wrong&agent_id=\(fixture.agent.id.lowercasedString)") == 4001)
            #expect(try await code("api_key=\(fixture.apiKey)&agent_id=\(UUID().lowercasedString)") == 4005)
            #expect(try await code("api_key=\(fixture.apiKey)&agent_id=not-a-uuid") == 4005)
            #expect(try await code("api_key=\(fixture.apiKey)&agent_id=\(off.id.lowercasedString)") == 4005)
            #expect(try await code("api_key=\(fixture.apiKey)&agent_id=\(brokeAgent.id.lowercasedString)") == 4005, "another organisation's agent")
            #expect(try await code("api_key=\(broke.1)&agent_id=\(brokeAgent.id.lowercasedString)") == 4002)
            #expect(try await code("api_key=\(fixture.apiKey)&audio_format=ogg") == 1008)
            // Three a minute for this key, counted from when the key is known good.
            var codes: [Int?] = []
            for _ in 0..<4 { codes.append(try await code("api_key=\(fixture.apiKey)&agent_id=\(UUID().lowercasedString)")) }
            #expect(codes.contains(4029), "\(codes)")
        }

        let unequipped = try await self.fixture { $0.engines.modelsDirectory = try! makeTemporaryDirectory() }
        try await unequipped.application().test(.live) { client in
            let (close, _) = try await VoiceSocketClient.connect(port: try #require(client.port), query: query(unequipped)) { _, log in
                try await log.waitForClose()
            }
            #expect(close.map { Int(UInt16(webSocketErrorCode: $0.closeCode)) } == 4004)
        }

        let restricted = try await self.fixture { $0.engines.allowedModels = ["a-model-the-agent-does-not-get"] }
        try await restricted.application().test(.live) { client in
            let (close, _) = try await VoiceSocketClient.connect(port: try #require(client.port), query: query(restricted)) { _, log in
                try await log.waitForClose()
            }
            #expect(close.map { Int(UInt16(webSocketErrorCode: $0.closeCode)) } == 4003)
        }
    }

    @Test func badFramesAreAnsweredAndACallerLeavingMidReplyEndsTheCall() async throws {
        let fixture = try await fixture()
        try await fixture.application().test(.live) { client in
            let port = try #require(client.port)
            let (close, log) = try await VoiceSocketClient.connect(port: port, query: query(fixture, extra: "&audio_format=pcm16")) { outbound, log in
                _ = try await log.waitForMessage("connected")
                try await outbound.write(.binary(ByteBuffer(bytes: [1, 2, 3])))
                _ = try await log.waitForMessage("error", timeout: .seconds(5))
                try await outbound.write(.text("not json"))
                _ = try await log.waitForMessage("error", after: 2, timeout: .seconds(5))
                // Leave as soon as the reply starts.
                let start = await log.items.count
                try await VoiceSocketClient.speak(try await CallerVoice.say("Tell me about the moon.") + VoiceSocketClient.silence(.seconds(1)), to: outbound)
                _ = try await log.waitForAudio(after: start, timeout: .seconds(60))
            }
            #expect(close == nil || close?.closeCode == .normalClosure)
            let errors = await log.messages.filter { $0.type == "error" }.compactMap(\.payload?.message)
            #expect(errors.count == 2 && errors[0].contains("even number of bytes") && errors[1].contains("JSON"), "\(errors)")
            let pcm = await log.items.compactMap { if case .audio(let bytes) = $0.item { bytes } else { nil } }
            #expect(pcm.allSatisfy { $0.count % 2 == 0 && $0.count > 0 }, "raw PCM16 when asked")
            let callID = try #require(await log.messages.first?.callId.flatMap(UUID.init(uuidString:)))
            let ended = try await eventually { try await fixture.store.call(id: callID, organizationID: fixture.organization.id)?.endedAt != nil }
            #expect(ended, "the call is closed when the caller leaves mid-reply")

            // An oversized frame closes the socket; the server goes on.
            let (oversized, _) = try await VoiceSocketClient.connect(port: port, query: query(fixture)) { outbound, log in
                _ = try await log.waitForMessage("connected")
                try await outbound.write(.binary(ByteBuffer(bytes: [UInt8](repeating: 0, count: 40_000))))
                try await log.waitForClose()
            }
            #expect(oversized?.closeCode == .messageTooLarge)
        }
    }

    private func waitForTurns(_ fixture: ServerFixture, callID: UUID, count: Int) async throws -> [CallTurn] {
        var turns: [CallTurn] = []
        _ = try await eventually {
            turns = try await fixture.store.turns(callID: callID, organizationID: fixture.organization.id)
            return turns.count >= count
        }
        return turns
    }

    private func eventually(_ condition: () async throws -> Bool) async throws -> Bool {
        for _ in 0..<100 {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}

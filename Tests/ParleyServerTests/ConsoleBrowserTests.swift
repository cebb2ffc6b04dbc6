import Audio
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import ParleyServer
import TestSupport
import Testing

/// The web console in a real browser (headless Chromium), against the real local engines, with a
/// WAV as the microphone asking for a story; once the story plays, "Stop, please wait a moment."
/// is said over it (through the page's send path: a fixed WAV cannot wait for a busy machine).
@Suite(.serialized, .oneLiveCallAtATime, .enabled(if: BrowserPeer.isAvailable && LocalEngines.llamaAvailable && LocalEngines.whisperAvailable && LocalEngines.piperAvailable && LocalEngines.vadAvailable))
struct ConsoleBrowserTests {
    @Test func signInCreateAnAgentTalkInterruptAndReadTheCall() async throws {
        let fixture = try await ServerFixture.make(organizationName: "Acme Dental") { settings in
            settings.port = 0
            settings.engines.speechToTextModel = "tiny.en"
        }
        let silence = { (seconds: Double) in [Float](repeating: 0, count: Int(seconds * 16_000)) }
        let microphone = try await silence(3) + CallerVoice.say("Tell me a story about a dragon.") + silence(90)
        let interruption = try await CallerVoice.say("Stop, please wait a moment.") + silence(1)
        let directory = try makeTemporaryDirectory()
        let wav = directory + "/microphone.wav", interruptionWAV = directory + "/interruption.wav"
        try Data(WAVFile.write(PCMAudio(samples: microphone, sampleRate: 16_000))).write(to: URL(fileURLWithPath: wav))
        try Data(WAVFile.write(PCMAudio(samples: interruption, sampleRate: 16_000))).write(to: URL(fileURLWithPath: interruptionWAV))
        let screenshots = try ProcessInfo.processInfo.environment["PARLEY_CONSOLE_SCREENSHOTS"] ?? makeTemporaryDirectory()

        try await fixture.application().test(.live) { client in
            let port = try #require(client.port)
            let seen = try await BrowserPeer.driveConsole(url: "http://127.0.0.1:\(port)/", apiKey: fixture.apiKey, microphone: wav, interruption: interruptionWAV, screenshots: screenshots)
            let steps = seen["steps"] as? [String] ?? []
            #expect(steps.last == "read the call", "stopped after \(steps.last ?? "nothing"): \(seen)")

            #expect(seen["wrongKeyMessage"] as? String == "That key was not accepted.")
            #expect(seen["organization"] as? String == "Acme Dental")
            #expect(seen["keyInURL"] as? Bool == false)
            #expect(seen["keyInLocalStorage"] as? Bool == false)
            #expect(seen["keyInSessionStorage"] as? Bool == true)

            // The API's own validation, shown on the field it names.
            #expect((seen["validationMessage"] as? String)?.hasPrefix("voice_speed must be between 0.6 and 1.4") == true, "\(seen["validationMessage"] ?? "")")
            #expect(seen["invalidFieldMarked"] as? Bool == true)
            let agents = try await fixture.store.agents(organizationID: fixture.organization.id)
            let storyteller = try #require(agents.first { $0.settings.name == "Storyteller" })
            #expect(storyteller.settings.interruptionSensitivity == 1 && storyteller.settings.temperature == 0)
            // The fixture's agent, renamed through the form, then deleted.
            #expect((seen["agentsListed"] as? [String])?.contains { $0.hasPrefix("Front desk") } == true, "\(seen["agentsListed"] ?? "")")
            #expect((seen["agentsAfterDelete"] as? [String])?.contains { $0.hasPrefix("Front desk") } == false)
            #expect(!agents.contains { $0.id == fixture.agent.id })

            let user = seen["user"] as? [String] ?? []
            #expect(user.count >= 2, "\(user)")
            // Chromium's echo cancellation, noise suppression and gain control are on, as for a
            // person; through them tiny.en has heard "dragon" as "Dragon", "drink" and "it, Dragon".
            #expect(user.first.map { $0.lowercased().contains("tell me a story") } == true, "\(user)")
            #expect(user.dropFirst().first.map { $0.lowercased().contains("wait") } == true, "\(user)")
            #expect((seen["assistant"] as? [String])?.first?.isEmpty == false)

            let stats = seen["stats"] as? [String: Any] ?? [:]
            #expect(stats["chunksReceived"] as? Int ?? 0 > 0, "\(stats)")
            #expect(stats["peakOutput"] as? Double ?? 0 > 0.01, "agent audio reached the speakers: \(stats)")
            #expect(stats["repliesCut"] as? Int ?? 0 >= 1, "the second utterance cut the reply off: \(stats)")
            let historyKeys = stats["historyKeys"] as? [String] ?? []
            #expect(historyKeys.count == 2 && Set(historyKeys).count == 1, "reconnected to the same conversation: \(historyKeys)")
            if let after = stats["peakAfterStop"] as? Double {
                #expect(after < 0.001, "silent 100 ms after audioStop: \(stats)")
            }

            #expect(seen["callsListed"] as? Int == 2, "the call and its reconnection")
            #expect(seen["chartBars"] as? Int ?? 0 >= 1, "the call's latency chart")
            #expect((seen["callTranscript"] as? String)?.lowercased().contains("tell me a story") == true)
            // Refused requests (the wrong key, the bad setting) are logged by the browser; nothing else may be.
            let errors = (seen["browserErrors"] as? [String] ?? []).filter { !$0.contains("the server responded with a status of 4") }
            #expect(errors.isEmpty, "\(errors)")
        }
    }
}

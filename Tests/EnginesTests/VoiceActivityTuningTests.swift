import Engines
import ParleyCore
import Testing

@Suite struct VoiceActivityTuningTests {
    @Test func sensitivityMapsToTheSpeechNeededToInterrupt() {
        #expect(VoiceActivityTuning.bargeInSpeech(sensitivity: 1) == .milliseconds(80))
        #expect(VoiceActivityTuning.bargeInSpeech(sensitivity: 0.5) == .milliseconds(280))
        #expect(VoiceActivityTuning.bargeInSpeech(sensitivity: 0) == .milliseconds(480))
        #expect(VoiceActivityTuning.bargeInSpeech(sensitivity: 7) == .milliseconds(80))
    }

    @Test func anAgentTunesItsDetector() {
        var agent = AgentSettings(name: "a")
        agent.interruptionSensitivity = 1
        agent.silenceThresholdMs = 800
        let tuned = VoiceActivityTuning.silero(modelPath: "/m.onnx", for: agent)
        #expect(tuned.minimumOnset == .milliseconds(80))
        #expect(tuned.minimumSilence == .milliseconds(200), "utterances are cut early and held by the turn-taking")
        agent.silenceThresholdMs = 150
        #expect(VoiceActivityTuning.silero(modelPath: "/m.onnx", for: agent).minimumSilence == .milliseconds(150))
    }
}

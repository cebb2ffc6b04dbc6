import Audio
import Engines
import Foundation

/// One thing the caller says in `parley call`: a `--say` text spoken by the local text-to-speech,
/// or a `--wav` file; as 16 kHz audio cut into the 20 ms frames the socket is sent.
struct CallLine: Sendable {
    /// What the line is, for the output: the text, or the file name.
    let label: String
    /// PCM16 LE 16 kHz mono frames of 640 bytes.
    let frames: [[UInt8]]
    /// The first frame with speech in it: where a barge-in is timed from.
    let firstVoicedFrame: Int
    /// The last frame with speech in it: the end of the line, which latency is measured from.
    let lastVoicedFrame: Int

    init(label: String, audio: PCMAudio) throws {
        let audio = try audio.resampled(to: FramePacer.sampleRate)
        self.label = label
        frames = FramePacer.frames(of: audio.pcm16LittleEndian)
        firstVoicedFrame = FramePacer.firstVoicedFrame(of: audio.samples) ?? 0
        lastVoicedFrame = FramePacer.lastVoicedFrame(of: audio.samples) ?? max(frames.count - 1, 0)
    }

    /// How long the line lasts.
    var duration: Duration { FramePacer.frameDuration * frames.count }

    /// `text` as `voice` says it, every piece of its speech in order.
    static func synthesized(_ text: String, voice: any TextToSpeech) async throws -> CallLine {
        var samples: [Float] = []
        for try await chunk in voice.synthesize(text, options: SpeechOptions()) {
            samples += try chunk.resampled(to: voice.sampleRate).samples
        }
        return try CallLine(label: text, audio: PCMAudio(samples: samples, sampleRate: voice.sampleRate))
    }

    /// The audio of a 16-bit PCM WAV file.
    static func read(wav path: String) throws -> CallLine {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        return try CallLine(label: (path as NSString).lastPathComponent, audio: WAVFile.read(bytes))
    }
}

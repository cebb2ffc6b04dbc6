import Audio
import Foundation

/// `parley call --save DIR`: keeps each piece of the agent's speech as the server sent it
/// (`reply-001.mp3`…, or `reply-001.wav` for PCM16, which has no header of its own), and all of
/// it, decoded and joined, as `agent.wav` (24 kHz mono) when the call ends.
struct CallRecorder {
    let directory: URL
    private var pieces = 0
    private var samples: [Float] = []
    private var sampleRate = 24_000

    /// Creates `directory` if missing.
    init(directory path: String) throws {
        directory = URL(fileURLWithPath: path, isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Saves one binary frame: `bytes` as received, `audio` its decoded samples (`nil` when they
    /// could not be decoded). Answers the file's path.
    @discardableResult
    mutating func record(_ bytes: [UInt8], mp3: Bool, audio: PCMAudio?) throws -> String {
        pieces += 1
        let name = String(format: "reply-%03d.%@", pieces, mp3 ? "mp3" : "wav")
        let file = directory.appendingPathComponent(name)
        if mp3 {
            try Data(bytes).write(to: file)
        } else {
            try Data(WAVFile.write(PCMAudio(pcm16LittleEndian: bytes, sampleRate: sampleRate))).write(to: file)
        }
        if let audio {
            if samples.isEmpty { sampleRate = audio.sampleRate }
            samples += audio.sampleRate == sampleRate ? audio.samples : ((try? audio.resampled(to: sampleRate).samples) ?? [])
        }
        return file.path
    }

    /// Writes `agent.wav` and answers its path.
    func finish() throws -> String {
        let file = directory.appendingPathComponent("agent.wav")
        try Data(WAVFile.write(PCMAudio(samples: samples, sampleRate: sampleRate))).write(to: file)
        return file.path
    }
}

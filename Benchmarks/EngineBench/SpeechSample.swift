import Audio
import Engines

/// Speech to feed the engines: Piper saying `text`, at 16 kHz, cut or padded to `seconds`, or
/// without Piper's trailing silence when `seconds` is `nil`.
func speechSample(_ text: String, voice: PiperTextToSpeech, seconds: Double? = nil) async throws -> PCMAudio {
    var samples: [Float] = []
    for try await chunk in voice.synthesize(text, options: SpeechOptions()) {
        samples += chunk.samples
    }
    var audio = try PCMAudio(samples: samples, sampleRate: voice.sampleRate).resampled(to: 16_000)
    if let seconds {
        let count = Int(seconds * 16_000)
        audio.samples = Array(audio.samples.prefix(count)) + [Float](repeating: 0, count: max(0, count - audio.samples.count))
    } else if let last = audio.samples.lastIndex(where: { abs($0) > 0.001 }) {
        audio.samples.removeSubrange((last + 1)...)
    }
    return audio
}

/// The median and the largest of `values`.
func medianAndMax<T: Comparable>(_ values: [T]) -> (T, T) {
    let sorted = values.sorted()
    return (sorted[sorted.count / 2], sorted[sorted.count - 1])
}

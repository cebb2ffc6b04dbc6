import Audio
import Engines

/// Speaks sentences with a voice and hears them back with Whisper.
enum TextToSpeechRoundTrip {
    static let sentences = [
        "The weather is sunny today, with a light breeze.",
        "Please call me back tomorrow morning.",
        "Can you book a table for two at seven?",
    ]

    /// Everything the voice said for `text`, in one piece.
    static func speak(_ text: String, with voice: some TextToSpeech, options: SpeechOptions = SpeechOptions()) async throws -> PCMAudio {
        var audio = PCMAudio(samples: [], sampleRate: voice.sampleRate)
        for try await chunk in voice.synthesize(text, options: options) {
            audio.samples += chunk.samples
        }
        return audio
    }

    /// The word error rate of Whisper's transcripts of `voice` saying ``sentences``, and those transcripts.
    static func wordErrorRate(of voice: some TextToSpeech, whisper: WhisperSpeechToText) async throws -> (Double, [String]) {
        var heard: [String] = []
        for sentence in sentences {
            let speech = try await speak(sentence, with: voice).resampled(to: whisper.sampleRate)
            heard.append(try await whisper.transcribe(speech, language: "en"))
        }
        let rate = WordErrorRate.between(reference: sentences.joined(separator: " "), hypothesis: heard.joined(separator: " "))
        return (rate, heard)
    }
}

import Audio

/// Notices the caller pausing inside an utterance, well before the detector's own silence ends
/// it, so that the utterance so far can be transcribed early.
///
/// A pause is `pauseLength` of 10 ms frames more than 35 dB below the utterance's loudest frame
/// (the rule ``TrailingQuiet`` trims by), counted only while the detector hears speech. It keeps
/// the audio of the speech in progress (and a little before it, since the detector confirms
/// speech late), and none once the speech is over. Pure: samples in, events out.
struct PauseWatch {
    let sampleRate: Int
    private let frame: Int
    private let pauseSamples: Int
    private let preRollSamples: Int

    /// The stream's audio from `audioStart` on: the speech in progress, or the latest pre-roll.
    private var audio: [Float] = []
    private var audioStart = 0
    /// The energy of each whole 10 ms frame of `audio`.
    private var energies: [Float] = []
    private var inSpeech = false
    private var loudest: Float = 0
    /// Where in `audio` the last loud frame ends.
    private var lastLoudEnd = 0
    private var paused = false

    /// - Parameters:
    ///   - pauseLength: the quiet that counts as a pause.
    ///   - preRoll: audio kept from before the detector confirms speech: at least its minimum
    ///     speech length and its window.
    init(sampleRate: Int, pauseLength: Duration, preRoll: Duration) {
        self.sampleRate = sampleRate
        frame = max(1, sampleRate / 100)
        pauseSamples = Self.samples(pauseLength, rate: sampleRate)
        preRollSamples = Self.samples(preRoll, rate: sampleRate) / frame * frame
    }

    /// Takes the stream's next samples; `speaking` is whether the detector hears speech once it
    /// has them. Answers ``VoiceActivityEvent/speechPaused(utterance:start:end:)`` and
    /// ``VoiceActivityEvent/speechResumed(at:)`` events.
    mutating func accept(_ samples: [Float], speaking: Bool) -> [VoiceActivityEvent] {
        audio += samples
        var events: [VoiceActivityEvent] = []
        while (energies.count + 1) * frame <= audio.count {
            energies.append(TrailingQuiet.energy(audio, from: energies.count * frame, count: frame))
            if inSpeech { events += heard(frame: energies.count - 1) }
        }
        if speaking, !inSpeech {
            inSpeech = true
            paused = false
            loudest = energies.max() ?? 0
            let lastLoud = energies.lastIndex { $0 >= loudest * TrailingQuiet.quietRatio }
            lastLoudEnd = lastLoud.map { ($0 + 1) * frame } ?? 0
        } else if !speaking, inSpeech {
            // That speech is the detector's utterance now: none of it belongs to the next one.
            inSpeech = false
            dropFront(lastLoudEnd)
        }
        if !inSpeech { keepPreRollOnly() }
        return events
    }

    /// Forgets everything heard so far (the stream was flushed); times go on from where it was.
    mutating func reset() {
        audioStart += audio.count
        audio.removeAll()
        energies.removeAll()
        inSpeech = false
        paused = false
    }

    private mutating func heard(frame index: Int) -> [VoiceActivityEvent] {
        let energy = energies[index]
        loudest = max(loudest, energy)
        let end = (index + 1) * frame
        if energy >= loudest * TrailingQuiet.quietRatio {
            lastLoudEnd = end
            guard paused else { return [] }
            paused = false
            return [.speechResumed(at: time(audioStart + index * frame))]
        }
        guard !paused, end - lastLoudEnd >= pauseSamples else { return [] }
        paused = true
        return [.speechPaused(
            utterance: PCMAudio(samples: Array(audio[..<lastLoudEnd]), sampleRate: sampleRate),
            start: time(audioStart),
            end: time(audioStart + lastLoudEnd)
        )]
    }

    /// Out of speech, only the latest pre-roll is worth keeping; dropped in whole frames, and
    /// only once twice that has built up, so that the copying stays rare.
    private mutating func keepPreRollOnly() {
        guard audio.count >= 2 * preRollSamples + frame else { return }
        dropFront(audio.count - preRollSamples)
    }

    /// Drops the first `count` samples, rounded down to whole frames.
    private mutating func dropFront(_ count: Int) {
        let dropped = count / frame * frame
        audio.removeFirst(dropped)
        energies.removeFirst(dropped / frame)
        audioStart += dropped
    }

    private func time(_ sample: Int) -> Duration {
        .nanoseconds(Int64(sample) * 1_000_000_000 / Int64(sampleRate))
    }

    private static func samples(_ duration: Duration, rate: Int) -> Int {
        Int(duration / .seconds(1) * Double(rate))
    }
}

import Audio
import Foundation
import Testing

@Suite struct MP3Tests {
    // LAME's encoder delay plus hip's decoder delay: where the input starts in the decoded audio.
    private static let leadIn = 576 + 529

    private func tone(_ frequency: Double, rate: Int, seconds: Double, amplitude: Double = 0.5) -> [Float] {
        (0..<Int(Double(rate) * seconds)).map { Float(sin(2 * .pi * frequency * Double($0) / Double(rate)) * amplitude) }
    }

    /// Upward zero crossings per second: the frequency of a pure tone.
    private func frequency(of samples: ArraySlice<Float>, rate: Int) -> Double {
        let crossings = zip(samples, samples.dropFirst()).filter { $0 < 0 && $1 >= 0 }.count
        return Double(crossings) * Double(rate) / Double(samples.count)
    }

    /// Signal-to-noise ratio in dB of `decoded` against `original`.
    private func snr(_ decoded: ArraySlice<Float>, _ original: [Float]) -> Double {
        let signal = original.reduce(0) { $0 + Double($1 * $1) }
        let noise = zip(decoded, original).reduce(0) { $0 + Double(($1.0 - $1.1) * ($1.0 - $1.1)) }
        return 10 * log10(signal / max(noise, 1e-12))
    }

    @Test func encodesOneSentenceAsMPEG2LayerIIIMonoThatDecodesToTheSameTone() throws {
        let input = tone(440, rate: 24_000, seconds: 1)
        let mp3 = try MP3Encoder().encode(input)

        #expect(mp3.count >= 4 && mp3[0] == 0xFF && mp3[1] & 0xE0 == 0xE0)
        #expect((mp3[1] >> 3) & 0b11 == 0b10, "MPEG-2")
        #expect((mp3[1] >> 1) & 0b11 == 0b01, "Layer III")
        #expect((mp3[2] >> 2) & 0b11 == 0b01, "24 kHz in MPEG-2")
        #expect(mp3[2] >> 4 == 6, "48 kbit/s in MPEG-2")
        #expect(mp3[3] >> 6 == 0b11, "mono")
        // CBR with no tag: nothing but 144-byte frames, each starting with a sync word.
        #expect(mp3.count % 144 == 0)
        #expect(stride(from: 0, to: mp3.count, by: 144).allSatisfy { mp3[$0] == 0xFF && mp3[$0 + 1] & 0xE0 == 0xE0 })

        let decoded = try MP3Decoder.decode(mp3)
        #expect(decoded.sampleRate == 24_000)
        #expect(decoded.samples.count % 576 == 0)
        // The 576-sample encoder delay, then 576 to 1151 samples of padding to end the last frame.
        #expect((input.count + 1_152..<input.count + 1_728).contains(decoded.samples.count))
        let aligned = decoded.samples[Self.leadIn..<(Self.leadIn + input.count)]
        #expect(abs(frequency(of: aligned, rate: 24_000) - 440) < 3)
        #expect(snr(aligned, input) > 20)
    }

    @Test func eachSentenceIsAStandaloneStreamWhateverCameBefore() throws {
        let encoder = try MP3Encoder()
        let first = tone(440, rate: 24_000, seconds: 1)
        let second = tone(1_000, rate: 24_000, seconds: 0.6, amplitude: 0.3)
        let firstMP3 = try encoder.encode(first)
        let secondMP3 = try encoder.encode(second)

        #expect(try secondMP3 == MP3Encoder().encode(second), "same bytes as from a fresh encoder")
        #expect(try MP3Decoder.decode(firstMP3).samples.count >= first.count + 1_152)
        let decoded = try MP3Decoder.decode(secondMP3)
        #expect((second.count + 1_152..<second.count + 1_728).contains(decoded.samples.count))
        // No tail of the first sentence before the second begins (only the second's pre-echo).
        #expect(decoded.samples[0..<512].allSatisfy { abs($0) < 0.01 })
        let aligned = decoded.samples[Self.leadIn..<(Self.leadIn + second.count)]
        #expect(abs(frequency(of: aligned, rate: 24_000) - 1_000) < 3)
        #expect(snr(aligned, second) > 20)
    }

    @Test func encodesSixteenBitSamplesLikeFloats() throws {
        let floats = tone(440, rate: 24_000, seconds: 0.5)
        let decoded = try MP3Decoder.decode(MP3Encoder().encode(floats.map { Int16($0 * 32_767) }))
        let aligned = decoded.samples[Self.leadIn..<(Self.leadIn + floats.count)]
        #expect(snr(aligned, floats) > 20)
    }

    @Test(arguments: [8_000, 16_000, 22_050, 44_100, 48_000])
    func keepsEveryMPEGSampleRate(rate: Int) throws {
        let input = tone(440, rate: rate, seconds: 0.5)
        let encoder = try MP3Encoder(sampleRate: rate)
        let mp3 = try encoder.encode(input)
        let decoded = try MP3Decoder.decode(mp3)
        #expect(decoded.sampleRate == rate)
        #expect(decoded.samples.count > input.count)
        // A reused handle is back where it started at every frame size (576 and 1152 samples).
        // At 22.05 and 44.1 kHz LAME pads some frames by a byte to keep the bitrate, and where in
        // that pattern a sentence starts follows the sentences before it: the bytes then differ,
        // the audio does not.
        _ = try encoder.encode(tone(1_000, rate: rate, seconds: 0.77, amplitude: 0.9))
        let again = try encoder.encode(input)
        if rate % 8_000 == 0 {
            #expect(again == mp3)
        } else {
            let redecoded = try MP3Decoder.decode(again)
            #expect(redecoded.samples.count == decoded.samples.count)
            #expect(zip(redecoded.samples, decoded.samples).allSatisfy { abs($0 - $1) < 0.02 })
        }
    }

    @Test func oneEncoderServesManyThreadsAtOnce() async throws {
        let encoder = try MP3Encoder()
        let sentences = (0..<4).map { tone(300 + 100 * Double($0), rate: 24_000, seconds: 0.2 + 0.1 * Double($0)) }
        let expected = try sentences.map { try MP3Encoder().encode($0) }
        let matches = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<64 {
                group.addTask { try encoder.encode(sentences[index % 4]) == expected[index % 4] }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(matches.count == 64 && matches.allSatisfy { $0 }, "every sentence comes out as from an encoder of its own")
    }

    @Test func decodesOnManyThreadsAtOnce() async throws {
        let mp3 = try MP3Encoder(sampleRate: 24_000).encode(tone(440, rate: 24_000, seconds: 0.5))
        let lengths = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<64 { group.addTask { try MP3Decoder.decode(mp3).samples.count } }
            return try await group.reduce(into: Set<Int>()) { $0.insert($1) }
        }
        #expect(lengths.count == 1, "every decode gives the same audio")
    }

    @Test func refusesRatesAndBitratesMPEGHasNoFramesFor() {
        #expect(throws: AudioFormatError.unsupportedSampleRate(23_000)) { try MP3Encoder(sampleRate: 23_000) }
        #expect(throws: AudioFormatError.unsupportedSampleRate(0)) { try MP3Encoder(sampleRate: 0) }
        // 320 kbit/s exists only in MPEG-1 (32 kHz and up), 8 kbit/s only below.
        #expect(throws: AudioFormatError.unsupportedBitrate(320)) { try MP3Encoder(sampleRate: 24_000, bitrate: 320) }
        #expect(throws: AudioFormatError.unsupportedBitrate(8)) { try MP3Encoder(sampleRate: 48_000, bitrate: 8) }
    }

    @Test func garbageAndNothingAreNotMP3() throws {
        let text = Array(String(repeating: "this is not an mp3 file. ", count: 100).utf8)
        #expect(throws: AudioFormatError.notMP3) { try MP3Decoder.decode(text) }
        #expect(throws: AudioFormatError.notMP3) { try MP3Decoder.decode([]) }
        #expect(throws: AudioFormatError.notMP3) { try MP3Decoder.decode([0xFF, 0xF3, 0x64]) }
    }

    @Test func emptyInputGivesNoBytesAndLeavesTheEncoderUsable() throws {
        let encoder = try MP3Encoder()
        #expect(try encoder.encode([Float]()).isEmpty)
        let input = tone(440, rate: 24_000, seconds: 0.2)
        #expect(try encoder.encode(input) == MP3Encoder().encode(input))
    }
}

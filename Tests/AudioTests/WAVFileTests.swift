import Audio
import Foundation
import TestSupport
import Testing

@Suite struct WAVFileTests {
    @Test func writtenFilesReadBack() throws {
        let tone = PCMAudio(samples: (0..<1_600).map { Float(sin(Double($0) * 0.05)) * 0.5 }, sampleRate: 16_000)
        let bytes = WAVFile.write(tone)
        #expect(bytes.count == 44 + 3_200)
        let read = try WAVFile.read(bytes)
        #expect(read.sampleRate == 16_000)
        #expect(read.samples.count == tone.samples.count)
        #expect(zip(read.samples, tone.samples).allSatisfy { abs($0 - $1) < 1.0 / 16_000 })
        #expect(read.duration == .milliseconds(100))
    }

    @Test func pcm16RoundTripsAndClips() {
        let audio = PCMAudio(samples: [0, 0.5, -0.5, 1.5, -2], sampleRate: 8_000)
        let bytes = audio.pcm16LittleEndian
        #expect(bytes.count == 10)
        #expect(Array(bytes[6..<8]) == [0xFF, 0x7F], "1.5 clips to Int16.max")
        #expect(Array(bytes[8..<10]) == [0x00, 0x80], "-2 clips to Int16.min")
        let back = PCMAudio(pcm16LittleEndian: bytes, sampleRate: 8_000)
        #expect(back.samples[1] == 0.5 && back.samples[2] == -0.5)
        #expect(back.samples[3] == Float(Int16.max) / 32_768 && back.samples[4] == -1)
    }

    @Test func pcm16DecodesFromAnyCollectionAndIgnoresAnOddByte() {
        let bytes: [UInt8] = [0x00, 0x40, 0x00, 0xC0, 0x01, 0x00, 0x7F]
        let contiguous = PCMAudio(pcm16LittleEndian: bytes[...], sampleRate: 16_000)
        #expect(contiguous.samples == [0.5, -0.5, 1.0 / 32_768], "the odd last byte is no sample")
        // Not contiguous: the same samples through the copy.
        let mapped = bytes.lazy.map { $0 }
        #expect(mapped.withContiguousStorageIfAvailable { _ in true } == nil)
        #expect(PCMAudio(pcm16LittleEndian: mapped, sampleRate: 16_000).samples == contiguous.samples)
    }

    @Test func stereoIsMixedDownAndOddChunksArePadded() throws {
        // A LIST chunk of odd size (padded) before fmt, then two stereo frames.
        var bytes = Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WAVE".utf8)
        bytes += Array("LIST".utf8) + [3, 0, 0, 0] + [1, 2, 3, 0]
        bytes += Array("fmt ".utf8) + [16, 0, 0, 0, 1, 0, 2, 0] + [0x80, 0x3E, 0, 0] + [0, 0xFA, 0, 0] + [4, 0, 16, 0]
        bytes += Array("data".utf8) + [8, 0, 0, 0] + [0x00, 0x40, 0x00, 0x00, 0x00, 0xC0, 0x00, 0xC0]
        let audio = try WAVFile.read(bytes)
        #expect(audio.sampleRate == 16_000)
        #expect(audio.samples == [0.25, -0.5])
    }

    static let notRIFF: [UInt8] = Array("RIFX0000WAVE".utf8)
    static let noFormat: [UInt8] = Array("RIFF0000WAVE".utf8)
    static let floatFormat: [UInt8] = {
        let format: [UInt8] = [16, 0, 0, 0, 3, 0, 1, 0, 0x80, 0x3E, 0, 0, 0, 0xFA, 0, 0, 4, 0, 32, 0]
        let data: [UInt8] = Array("data".utf8) + [0, 0, 0, 0]
        return Array("RIFF0000WAVEfmt ".utf8) + format + data
    }()
    static let badFiles: [([UInt8], WAVFile.ReadError)] = [
        (notRIFF, .notRIFFWave),
        (noFormat, .missingChunk("fmt ")),
        (floatFormat, .unsupportedFormat(formatTag: 3, bitsPerSample: 32)),
    ]

    @Test(arguments: badFiles)
    func badFilesAreTypedErrors(_ bytes: [UInt8], _ expected: WAVFile.ReadError) {
        #expect(throws: expected) { try WAVFile.read(bytes) }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/espeak-ng")))
    func readsWhatEspeakWrites() throws {
        let path = try makeTemporaryDirectory() + "/hello.wav"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/espeak-ng")
        process.arguments = ["-w", path, "Hello from Parley"]
        try process.run()
        process.waitUntilExit()
        let audio = try WAVFile.read(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(audio.sampleRate == 22_050)
        #expect(audio.duration > .milliseconds(500) && audio.duration < .seconds(5))
        #expect(audio.samples.contains { abs($0) > 0.1 }, "there is speech in it")
    }
}

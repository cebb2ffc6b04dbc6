import Audio
import Foundation
import Testing

@Suite struct ALawTests {
    /// Python's `audioop.lin2alaw` / `alaw2lin` (Sun's g711.c) on the same values.
    @Test func codesMatchTheReference() {
        let samples: [Int16] = [-32_768, -12_345, -1_000, -100, -1, 0, 1, 100, 1_000, 12_345, 32_767]
        #expect(samples.map(ALaw.encode) == [42, 61, 122, 83, 85, 213, 213, 211, 250, 189, 170])
        let codes: [UInt8] = [0x00, 0x0F, 0x55, 0x7F, 0x80, 0xAA, 0xD5, 0xFF]
        #expect(codes.map(ALaw.decode) == [-5_504, -6_784, -8, -848, 5_504, 32_256, 8, 848])
    }

    @Test func everyCodeSurvivesARoundTrip() {
        for code in UInt8.min...UInt8.max {
            #expect(ALaw.encode(ALaw.decode(code)) == code, "code \(code)")
        }
    }

    @Test func audioKeepsItsShapeThroughALaw() {
        let tone = PCMAudio(samples: (0..<160).map { Float(sin(Double($0) * 0.3)) * 0.5 }, sampleRate: 8_000)
        let back = PCMAudio(aLaw: tone.aLaw)
        #expect(back.samples.count == 160)
        for (original, decoded) in zip(tone.samples, back.samples) {
            #expect(abs(original - decoded) <= max(0.002, abs(original) * 0.07))
        }
    }
}

import Audio
import Foundation
import Testing

@Suite struct MuLawTests {
    /// Python's `audioop.lin2ulaw` / `ulaw2lin` (Sun's g711.c) on the same values.
    @Test func codesMatchTheReference() {
        let samples: [Int16] = [-32_768, -12_345, -1_000, -100, -1, 0, 1, 100, 1_000, 12_345, 32_767]
        #expect(samples.map(MuLaw.encode) == [0, 23, 78, 114, 126, 255, 255, 242, 206, 151, 128])
        let codes: [UInt8] = [0x00, 0x0F, 0x55, 0x7F, 0x80, 0xAA, 0xFE, 0xFF]
        #expect(codes.map(MuLaw.decode) == [-32_124, -16_764, -716, 0, 32_124, 5_372, 8, 0])
    }

    @Test func everyCodeSurvivesARoundTrip() {
        for code in UInt8.min...UInt8.max where code != 0x7F {
            #expect(MuLaw.encode(MuLaw.decode(code)) == code, "code \(code)")
        }
        // 0x7F is the second code for zero.
        #expect(MuLaw.encode(MuLaw.decode(0x7F)) == 0xFF)
    }

    @Test func audioKeepsItsShapeThroughMuLaw() {
        let tone = PCMAudio(samples: (0..<160).map { Float(sin(Double($0) * 0.3)) * 0.5 }, sampleRate: 8_000)
        let bytes = tone.muLaw
        #expect(bytes.count == 160)
        let back = PCMAudio(muLaw: bytes)
        #expect(back.sampleRate == 8_000)
        // Companding keeps the error within a few percent of the sample's size.
        for (original, decoded) in zip(tone.samples, back.samples) {
            #expect(abs(original - decoded) <= max(0.002, abs(original) * 0.07))
        }
    }
}

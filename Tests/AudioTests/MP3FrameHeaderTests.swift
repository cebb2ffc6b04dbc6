@testable import Audio
import Testing

@Suite struct MP3FrameHeaderTests {
    @Test func lengthsFollowVersionBitrateRateAndPadding() {
        // MPEG-2, Layer III, 48 kbit/s, 24 kHz: 72 × 48000 / 24000.
        #expect(MP3FrameHeader([0xFF, 0xF3, 0x64, 0xC4], at: 0)?.length == 144)
        // MPEG-1, Layer III, 128 kbit/s, 44.1 kHz: 417 bytes, 418 with the padding bit.
        #expect(MP3FrameHeader([0xFF, 0xFB, 0x90, 0x64], at: 0)?.length == 417)
        #expect(MP3FrameHeader([0xFF, 0xFB, 0x92, 0x64], at: 0)?.length == 418)
        // MPEG-2.5, Layer III, 8 kbit/s, 8 kHz: 72 × 8000 / 8000.
        #expect(MP3FrameHeader([0xFF, 0xE3, 0x18, 0xC4], at: 0)?.length == 72)
    }

    @Test func refusesWhatIsNotALayerIIIHeader() {
        #expect(MP3FrameHeader([0xFF, 0xF3, 0x64], at: 0) == nil, "too short")
        #expect(MP3FrameHeader([0x49, 0x44, 0x33, 0x04], at: 0) == nil, "an id3 tag")
        #expect(MP3FrameHeader([0xFF, 0xFD, 0x64, 0xC4], at: 0) == nil, "Layer II")
        #expect(MP3FrameHeader([0xFF, 0xF3, 0xF4, 0xC4], at: 0) == nil, "bitrate index 15")
        #expect(MP3FrameHeader([0xFF, 0xF3, 0x6C, 0xC4], at: 0) == nil, "sample-rate index 3")
        #expect(MP3FrameHeader([0xFF, 0xEB, 0x64, 0xC4], at: 0) == nil, "the reserved version")
    }

    @Test func walksFramesToTheEndOrNotAtAll() {
        let frame = [0xFF, 0xF3, 0x64, 0xC4] + [UInt8](repeating: 0, count: 140)
        #expect(MP3FrameHeader.frameStarts(in: frame + frame + frame) == [0, 144, 288])
        #expect(MP3FrameHeader.frameStarts(in: []) == [])
        #expect(MP3FrameHeader.frameStarts(in: frame + frame.dropLast()) == nil, "a frame cut short")
        #expect(MP3FrameHeader.frameStarts(in: frame + [0x00] + frame) == nil, "a byte between frames")
    }
}

import Audio
import Testing

/// Cutting coded speech in the fixed frames a phone line carries.
@Suite struct FramesTests {
    @Test func theLastFrameIsPaddedWithSilence() {
        let frames = [UInt8](1...7).frames(of: 3, paddedWith: 0xFF)
        #expect(frames == [[1, 2, 3], [4, 5, 6], [7, 0xFF, 0xFF]])
    }

    @Test func aWholeNumberOfFramesIsNotPadded() {
        #expect([UInt8](1...6).frames(of: 3, paddedWith: 0xFF) == [[1, 2, 3], [4, 5, 6]])
        #expect([UInt8]().frames(of: 3, paddedWith: 0xFF).isEmpty)
    }
}

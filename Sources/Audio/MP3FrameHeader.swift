/// The four-byte header that starts every MPEG audio frame, read as far as the frame's length.
///
/// Only Layer III is read: what ``MP3Encoder`` writes and the voice API sends.
struct MP3FrameHeader: Equatable {
    /// The frame's whole length in bytes, header included.
    let length: Int

    // Kilobits a second by bitrate index (1…14; 0 is "free format", 15 is invalid), for MPEG-1
    // and for MPEG-2 and 2.5.
    private static let mpeg1Bitrates = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320]
    private static let mpeg2Bitrates = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160]
    // Hertz by sample-rate index (0…2) for MPEG-1; MPEG-2 halves them and MPEG-2.5 quarters them.
    private static let mpeg1SampleRates = [44_100, 48_000, 32_000]

    /// The header at `offset`, or nil where `bytes` has no Layer III frame header there.
    init?(_ bytes: [UInt8], at offset: Int) {
        guard offset >= 0, offset + 4 <= bytes.count, bytes[offset] == 0xFF, bytes[offset + 1] & 0xE0 == 0xE0 else { return nil }
        let version = (bytes[offset + 1] >> 3) & 0b11 // 3 MPEG-1, 2 MPEG-2, 0 MPEG-2.5, 1 reserved
        let layer = (bytes[offset + 1] >> 1) & 0b11 // 1 is Layer III
        let bitrateIndex = Int(bytes[offset + 2] >> 4)
        let rateIndex = Int((bytes[offset + 2] >> 2) & 0b11)
        guard version != 1, layer == 1, (1...14).contains(bitrateIndex), rateIndex < 3 else { return nil }
        let isMPEG1 = version == 3
        let kbps = (isMPEG1 ? Self.mpeg1Bitrates : Self.mpeg2Bitrates)[bitrateIndex]
        let sampleRate = Self.mpeg1SampleRates[rateIndex] >> (isMPEG1 ? 0 : version == 2 ? 1 : 2)
        let padding = Int((bytes[offset + 2] >> 1) & 1)
        // A Layer III frame holds 1152 samples in MPEG-1 and 576 in MPEG-2 and 2.5: an eighth
        // of them in bytes a kilobit a second.
        length = (isMPEG1 ? 144 : 72) * kbps * 1_000 / sampleRate + padding
    }

    /// Where each frame of `bytes` starts, walking header to header from the first byte; nil if a
    /// header is missing or a frame runs past the end.
    static func frameStarts(in bytes: [UInt8]) -> [Int]? {
        var starts: [Int] = []
        var offset = 0
        while offset < bytes.count {
            guard let header = MP3FrameHeader(bytes, at: offset), offset + header.length <= bytes.count else { return nil }
            starts.append(offset)
            offset += header.length
        }
        return starts
    }
}

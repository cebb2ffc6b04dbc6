import CLame

/// Encodes mono audio as MP3 with libmp3lame, one whole standalone stream per call: what the
/// WebSocket voice API sends for each sentence, for a browser to decode with `decodeAudioData`.
///
/// Constant bitrate, 48 kbit/s by default. At 24 kHz that is MPEG-2 Layer III: 576 samples in
/// every 144-byte frame, 6 kB a second, with LAME's lowpass at 11.25 kHz, nearly the whole band of
/// 24 kHz audio. On espeak speech LAME's VBR at V6 averaged the same 48 kbit/s for 15% more CPU,
/// so CBR, which keeps every frame alike. LAME runs at quality 7 ("ok quality, really fast"; 8 and
/// 9 give the same bytes) because every call's speech is encoded in real time, and quality 5
/// costs twice as much, quality 2 three and a half times.
///
/// Each output starts with LAME's 576-sample encoder delay and ends with padding that fills its
/// last frame (576 to 1151 samples at 24 kHz), so it decodes to a little more than went in. No
/// Xing/LAME tag is written, so decoders cannot trim the two.
///
/// Not thread-safe: one encoder per call, used by one task at a time.
public final class MP3Encoder {
    /// The sample rates MPEG audio has frames for (MPEG-1, MPEG-2 and MPEG-2.5).
    public static let supportedSampleRates: Set<Int> = [8_000, 11_025, 12_000, 16_000, 22_050, 24_000, 32_000, 44_100, 48_000]

    public let sampleRate: Int
    /// Kilobits a second.
    public let bitrate: Int

    // Samples handed to LAME at once, so that its output buffer stays small and the counts fit
    // LAME's 32-bit arguments whatever the length of a sentence.
    private static let chunkSize = 16 * 1_152
    // LAME's documented worst case for one call: 1.25 × samples + 7200 bytes (also enough for the
    // flush, which needs 7200).
    private static let outputCapacity = chunkSize * 5 / 4 + 7_200
    private static let quality: Int32 = 7

    // A fresh handle for every sentence (about 0.6 ms): LAME has no reset, and a handle reused
    // after lame_encode_flush keeps the previous sentence's MDCT and psychoacoustic state but
    // not its encoder-delay bookkeeping, so its next stream comes out shifted in time.
    private var handle: lame_t?

    /// Fails for a sample rate MPEG audio has no frames for (LAME would resample it) or a bitrate
    /// with no frame size at that rate (LAME would silently round it).
    public init(sampleRate: Int = 24_000, bitrate: Int = 48) throws(AudioFormatError) {
        guard Self.supportedSampleRates.contains(sampleRate) else { throw .unsupportedSampleRate(sampleRate) }
        // Layer III bitrates of MPEG-1 (32 kHz and up) and of MPEG-2 and 2.5 (below).
        let bitrates = sampleRate >= 32_000
            ? [32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320]
            : [8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160]
        guard bitrates.contains(bitrate) else { throw .unsupportedBitrate(bitrate) }
        self.sampleRate = sampleRate
        self.bitrate = bitrate
        handle = try Self.makeHandle(sampleRate: sampleRate, bitrate: bitrate)
    }

    deinit {
        if let handle { lame_close(handle) }
    }

    /// One standalone MP3 of `samples` (mono, -1…1, at ``sampleRate``), independent of whatever
    /// this encoder encoded before. Empty input gives no bytes: there is nothing to send.
    public func encode(_ samples: [Float]) throws(AudioFormatError) -> [UInt8] {
        try encode(count: samples.count) { handle, range, output, capacity in
            samples.withUnsafeBufferPointer { input in
                let start = input.baseAddress! + range.lowerBound
                // LAME reads only the left channel of mono input.
                return lame_encode_buffer_ieee_float(handle, start, start, Int32(range.count), output, capacity)
            }
        }
    }

    /// One standalone MP3 of 16-bit `samples` (mono, at ``sampleRate``), like the `Float` version.
    public func encode(_ samples: [Int16]) throws(AudioFormatError) -> [UInt8] {
        try encode(count: samples.count) { handle, range, output, capacity in
            samples.withUnsafeBufferPointer { input in
                let start = input.baseAddress! + range.lowerBound
                return lame_encode_buffer(handle, start, start, Int32(range.count), output, capacity)
            }
        }
    }

    private func encode(
        count: Int,
        chunk encodeChunk: (lame_t, Range<Int>, UnsafeMutablePointer<UInt8>, Int32) -> Int32
    ) throws(AudioFormatError) -> [UInt8] {
        guard count > 0 else { return [] }
        // Not `??`, which would lose the typed throw.
        let handle = if let handle = self.handle.take() {
            handle
        } else {
            try Self.makeHandle(sampleRate: sampleRate, bitrate: bitrate)
        }
        defer { lame_close(handle) }

        var mp3: [UInt8] = []
        // Whole frames of `bitrate` plus the delay and padding, so one allocation suffices.
        mp3.reserveCapacity((count + 3 * 1_152) * bitrate * 125 / sampleRate + 1_024)
        var buffer = [UInt8](repeating: 0, count: Self.outputCapacity)
        let capacity = Int32(Self.outputCapacity)
        for start in stride(from: 0, to: count, by: Self.chunkSize) {
            let range = start..<min(start + Self.chunkSize, count)
            let written = buffer.withUnsafeMutableBufferPointer { encodeChunk(handle, range, $0.baseAddress!, capacity) }
            guard written >= 0 else { throw .mp3CodecFailed(Int(written)) }
            mp3 += buffer[0..<Int(written)]
        }
        let flushed = buffer.withUnsafeMutableBufferPointer { lame_encode_flush(handle, $0.baseAddress!, capacity) }
        guard flushed >= 0 else { throw .mp3CodecFailed(Int(flushed)) }
        mp3 += buffer[0..<Int(flushed)]
        return mp3
    }

    private static func makeHandle(sampleRate: Int, bitrate: Int) throws(AudioFormatError) -> lame_t {
        guard let handle = lame_init() else { throw .mp3CodecFailed(-2) }
        // Without these LAME prints its warnings to stderr; failures still come back as statuses.
        lame_set_errorf(handle, nil)
        lame_set_debugf(handle, nil)
        lame_set_msgf(handle, nil)
        lame_set_num_channels(handle, 1)
        lame_set_mode(handle, MONO)
        lame_set_in_samplerate(handle, Int32(sampleRate))
        // Left unset, LAME may pick a lower output rate for the bitrate and resample.
        lame_set_out_samplerate(handle, Int32(sampleRate))
        lame_set_VBR(handle, vbr_off)
        lame_set_brate(handle, Int32(bitrate))
        lame_set_quality(handle, quality)
        // A Xing/LAME tag is a placeholder frame, right only once rewritten after the flush, and
        // LAME drops it anyway where it does not fit a frame (48 kbit/s at 24 kHz); id3 tags have
        // no use in a sentence.
        lame_set_bWriteVbrTag(handle, 0)
        lame_set_write_id3tag_automatic(handle, 0)
        let status = lame_init_params(handle)
        guard status >= 0 else {
            lame_close(handle)
            throw .mp3CodecFailed(Int(status))
        }
        return handle
    }
}

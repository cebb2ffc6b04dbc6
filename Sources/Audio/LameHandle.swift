import CLame

/// One libmp3lame encoder, set up as ``MP3Encoder`` encodes: CBR mono, no tags, no bit reservoir.
///
/// `@unchecked Sendable` because LAME's handle is a C pointer: it is used by one encode at a time
/// and passed from one to the next through ``MP3Encoder``'s list of idle handles.
struct LameHandle: @unchecked Sendable {
    private let lame: lame_t

    // LAME's documented worst case for one call: 1.25 × samples + 7200 bytes.
    static func outputCapacity(samples: Int) -> Int { samples * 5 / 4 + 7_200 }

    init(sampleRate: Int, bitrate: Int, quality: Int32) throws(AudioFormatError) {
        guard let lame = lame_init() else { throw .mp3CodecFailed(-2) }
        // Without these LAME prints its warnings to stderr; failures still come back as statuses.
        lame_set_errorf(lame, nil)
        lame_set_debugf(lame, nil)
        lame_set_msgf(lame, nil)
        lame_set_num_channels(lame, 1)
        lame_set_mode(lame, MONO)
        lame_set_in_samplerate(lame, Int32(sampleRate))
        // Left unset, LAME may pick a lower output rate for the bitrate and resample.
        lame_set_out_samplerate(lame, Int32(sampleRate))
        lame_set_VBR(lame, vbr_off)
        lame_set_brate(lame, Int32(bitrate))
        lame_set_quality(lame, quality)
        // Each frame carries all of its own bits, none borrowed from the frames before it, so that
        // a sentence cut from a longer stream decodes alone. On speech at 48 kbit/s this cost
        // nothing measurable (the same error against the input with and without).
        lame_set_disable_reservoir(lame, 1)
        // A Xing/LAME tag is a placeholder frame, right only once rewritten after the flush, and
        // LAME drops it anyway where it does not fit a frame (48 kbit/s at 24 kHz); id3 tags have
        // no use in a sentence.
        lame_set_bWriteVbrTag(lame, 0)
        lame_set_write_id3tag_automatic(lame, 0)
        let status = lame_init_params(lame)
        guard status >= 0 else {
            lame_close(lame)
            throw .mp3CodecFailed(Int(status))
        }
        self.lame = lame
    }

    /// Samples in one frame: 1152 in MPEG-1, 576 in MPEG-2 and 2.5.
    var frameSize: Int { Int(lame_get_framesize(lame)) }

    /// Samples given to LAME that are not in a frame yet, counting the encoder delay it starts with.
    var buffered: Int { Int(lame_get_mf_samples_to_encode(lame)) }

    /// Encodes `count` samples from `left` (mono: LAME reads only the left channel), appending
    /// the frames that come out to `mp3`.
    func encode(_ left: UnsafePointer<Float>, count: Int, into mp3: inout [UInt8], buffer: inout [UInt8]) throws(AudioFormatError) {
        let written = buffer.withUnsafeMutableBufferPointer {
            lame_encode_buffer_ieee_float(lame, left, left, Int32(count), $0.baseAddress!, Int32($0.count))
        }
        guard written >= 0 else { throw .mp3CodecFailed(Int(written)) }
        mp3 += buffer[0..<Int(written)]
    }

    /// Like the `Float` version, for 16-bit samples.
    func encode(_ left: UnsafePointer<Int16>, count: Int, into mp3: inout [UInt8], buffer: inout [UInt8]) throws(AudioFormatError) {
        let written = buffer.withUnsafeMutableBufferPointer {
            lame_encode_buffer(lame, left, left, Int32(count), $0.baseAddress!, Int32($0.count))
        }
        guard written >= 0 else { throw .mp3CodecFailed(Int(written)) }
        mp3 += buffer[0..<Int(written)]
    }

    func close() { lame_close(lame) }
}

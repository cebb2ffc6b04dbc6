import CLame
import Synchronization

/// Decodes MP3 with LAME's hip decoder (mpglib): for tests, and for the `parley call` client that
/// plays the sentences the WebSocket voice API sends.
public enum MP3Decoder {
    // hip returns at most one frame a call: 1152 samples a channel for MPEG-1, 576 for MPEG-2.
    private static let frameCapacity = 1_152
    // mpglib rebuilds its global synthesis and dequantisation tables in every hip_decode_init,
    // under any decode running on another thread: two decodes at once crashed the test suite.
    private static let tablesInUse = Mutex(())

    /// The audio of a whole MP3 stream, mixed down to mono, at the sample rate of its first frame.
    ///
    /// The samples are the decoder's output as it comes: neither the encoder's delay and padding
    /// nor the decoder's own 529-sample delay are removed, so an ``MP3Encoder`` sentence at 24 kHz
    /// decodes to 1105 samples of lead-in (576 + 529, 46 ms) before its first sample and some
    /// padding after its last. Throws ``AudioFormatError/notMP3`` when no frame decodes, empty
    /// input included.
    public static func decode(_ bytes: [UInt8]) throws(AudioFormatError) -> PCMAudio {
        guard !bytes.isEmpty else { throw .notMP3 }
        return try tablesInUse.withLock { _ throws(AudioFormatError) in try decodeAlone(bytes) }
    }

    private static func decodeAlone(_ bytes: [UInt8]) throws(AudioFormatError) -> PCMAudio {
        guard let hip = hip_decode_init() else { throw .mp3CodecFailed(-2) }
        defer { hip_decode_exit(hip) }
        // Without these hip prints what it skips while looking for frames to stderr.
        hip_set_errorf(hip, nil)
        hip_set_debugf(hip, nil)
        hip_set_msgf(hip, nil)

        var header = mp3data_struct()
        var left = [Int16](repeating: 0, count: frameCapacity)
        var right = [Int16](repeating: 0, count: frameCapacity)
        var samples: [Float] = []
        var input = bytes
        input.withUnsafeMutableBufferPointer { input in
            // hip copies all it is given, then returns at most one frame a call, each later call
            // (with no new input) the next. A call that only reads a header or a Xing tag returns
            // none, so the stream has ended only after a few calls in a row that return nothing.
            var length = input.count
            var idleCalls = 0
            while idleCalls < 3 {
                let count = Int(hip_decode1_headers(hip, input.baseAddress, length, &left, &right, &header))
                length = 0
                guard count > 0 else {
                    idleCalls += 1
                    continue
                }
                idleCalls = 0
                if header.stereo == 2 {
                    for index in 0..<count { samples.append((Float(left[index]) + Float(right[index])) / 65_536) }
                } else {
                    for index in 0..<count { samples.append(Float(left[index]) / 32_768) }
                }
            }
        }
        guard !samples.isEmpty, header.header_parsed == 1, header.samplerate > 0 else { throw .notMP3 }
        return PCMAudio(samples: samples, sampleRate: Int(header.samplerate))
    }
}

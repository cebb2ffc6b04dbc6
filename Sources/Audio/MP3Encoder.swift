import Synchronization

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
/// Thread-safe: one encoder serves every call of a process. It keeps LAME handles between
/// sentences, because setting one up (`lame_init_params`, which rebuilds its tables with `pow`)
/// took 0.7 ms, more than encoding a 300 ms sentence (0.4 ms), and LAME has no reset. After each
/// sentence it feeds a handle silence until LAME holds back exactly ``idleBacklog`` samples, all
/// of them zeros: one frame more than a fresh handle's delay. From there the next sentence comes
/// out as from a fresh handle with one frame of those zeros before it and one more frame of
/// padding after it; both are dropped. A sentence is then the same bytes whatever came before it
/// (at the rates whose frames are never padded by a byte: 8, 16, 24, 32 and 48 kHz), and against
/// a fresh handle flushed the usual way only its first frame differs, in the bits LAME's quantiser
/// spends on the silence before the sentence.
public final class MP3Encoder: Sendable {
    /// The sample rates MPEG audio has frames for (MPEG-1, MPEG-2 and MPEG-2.5).
    public static let supportedSampleRates: Set<Int> = [8_000, 11_025, 12_000, 16_000, 22_050, 24_000, 32_000, 44_100, 48_000]

    public let sampleRate: Int
    /// Kilobits a second.
    public let bitrate: Int

    // Samples handed to LAME at once, so that its output buffer stays small and the counts fit
    // LAME's 32-bit arguments whatever the length of a sentence.
    private static let chunkSize = 16 * 1_152
    private static let quality: Int32 = 7
    // Handles kept between sentences; sentences are encoded on the cooperative pool's threads,
    // so more than this are seldom at work at once.
    private static let maxIdleHandles = 8

    /// Samples an idle handle holds back: a fresh handle's encoder delay plus one frame.
    let idleBacklog: Int
    private let idleHandles: Mutex<[LameHandle]>
    // Silence enough to bring a handle back to its idle state, made once.
    private let silence: [Float]

    /// Fails for a sample rate MPEG audio has no frames for (LAME would resample it), a bitrate
    /// with no frame size at that rate (LAME would silently round it), or a libmp3lame whose
    /// handles do not come back to the idle state this encoder expects (LAME 3.100's).
    public init(sampleRate: Int = 24_000, bitrate: Int = 48) throws(AudioFormatError) {
        guard Self.supportedSampleRates.contains(sampleRate) else { throw .unsupportedSampleRate(sampleRate) }
        // Layer III bitrates of MPEG-1 (32 kHz and up) and of MPEG-2 and 2.5 (below).
        let bitrates = sampleRate >= 32_000
            ? [32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320]
            : [8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160]
        guard bitrates.contains(bitrate) else { throw .unsupportedBitrate(bitrate) }
        self.sampleRate = sampleRate
        self.bitrate = bitrate
        let handle = try LameHandle(sampleRate: sampleRate, bitrate: bitrate, quality: Self.quality)
        idleBacklog = handle.buffered + handle.frameSize
        silence = [Float](repeating: 0, count: idleBacklog + handle.frameSize)
        idleHandles = Mutex([])
        let idle = try makeIdleHandle(settling: handle)
        idleHandles.withLock { $0.append(idle) }
    }

    deinit {
        idleHandles.withLock { handles in handles.forEach { $0.close() } }
    }

    /// One standalone MP3 of `samples` (mono, -1…1, at ``sampleRate``), independent of whatever
    /// this encoder encoded before. Empty input gives no bytes: there is nothing to send.
    public func encode(_ samples: [Float]) throws(AudioFormatError) -> [UInt8] {
        try samples.withUnsafeBufferPointer { input throws(AudioFormatError) in
            try encode(count: input.count) { handle, range, mp3, buffer throws(AudioFormatError) in
                try handle.encode(input.baseAddress! + range.lowerBound, count: range.count, into: &mp3, buffer: &buffer)
            }
        }
    }

    /// One standalone MP3 of 16-bit `samples` (mono, at ``sampleRate``), like the `Float` version.
    public func encode(_ samples: [Int16]) throws(AudioFormatError) -> [UInt8] {
        try samples.withUnsafeBufferPointer { input throws(AudioFormatError) in
            try encode(count: input.count) { handle, range, mp3, buffer throws(AudioFormatError) in
                try handle.encode(input.baseAddress! + range.lowerBound, count: range.count, into: &mp3, buffer: &buffer)
            }
        }
    }

    private func encode(
        count: Int,
        chunk encodeChunk: (LameHandle, Range<Int>, inout [UInt8], inout [UInt8]) throws(AudioFormatError) -> Void
    ) throws(AudioFormatError) -> [UInt8] {
        guard count > 0 else { return [] }
        // Not `??`, which would lose the typed throw.
        let handle = if let idle = idleHandles.withLock({ $0.popLast() }) { idle } else { try makeIdleHandle() }
        var mp3: [UInt8] = []
        do {
            // Whole frames of `bitrate` plus the delay and padding, so one allocation suffices.
            mp3.reserveCapacity((count + idleBacklog + 3 * 1_152) * bitrate * 125 / sampleRate + 1_024)
            var buffer = [UInt8](repeating: 0, count: LameHandle.outputCapacity(samples: max(Self.chunkSize, silence.count)))
            for start in stride(from: 0, to: count, by: Self.chunkSize) {
                try encodeChunk(handle, start..<min(start + Self.chunkSize, count), &mp3, &buffer)
            }
            mp3 += try settle(handle, buffer: &buffer)
        } catch {
            handle.close()
            throw error
        }
        idleHandles.withLock { handles in
            if handles.count < Self.maxIdleHandles { handles.append(handle) } else { handle.close() }
        }
        return try Self.droppingFirstAndLastFrame(of: mp3)
    }

    /// A handle brought to the idle state: a fresh one, or `handle`.
    private func makeIdleHandle(settling handle: LameHandle? = nil) throws(AudioFormatError) -> LameHandle {
        let handle = if let handle { handle } else { try LameHandle(sampleRate: sampleRate, bitrate: bitrate, quality: Self.quality) }
        var buffer = [UInt8](repeating: 0, count: LameHandle.outputCapacity(samples: silence.count))
        do {
            _ = try settle(handle, buffer: &buffer)
        } catch {
            handle.close()
            throw error
        }
        return handle
    }

    /// Feeds `handle` silence until it holds back ``idleBacklog`` samples, all zeros; answers the
    /// frames that came out.
    private func settle(_ handle: LameHandle, buffer: inout [UInt8]) throws(AudioFormatError) -> [UInt8] {
        var mp3: [UInt8] = []
        try silence.withUnsafeBufferPointer { zeros throws(AudioFormatError) in
            // After this many zeros whatever LAME holds back is silence; it holds back between
            // one and two frames' worth, so the rest of a frame brings it to the idle backlog.
            try handle.encode(zeros.baseAddress!, count: idleBacklog, into: &mp3, buffer: &buffer)
            let frameSize = handle.frameSize
            let missing = ((idleBacklog - handle.buffered) % frameSize + frameSize) % frameSize
            if missing > 0 { try handle.encode(zeros.baseAddress!, count: missing, into: &mp3, buffer: &buffer) }
        }
        guard handle.buffered == idleBacklog else { throw .mp3EncoderOutOfStep }
        return mp3
    }

    /// The frames between the idle state's leading frame of silence and the one frame of extra
    /// padding after the sentence.
    private static func droppingFirstAndLastFrame(of mp3: [UInt8]) throws(AudioFormatError) -> [UInt8] {
        guard let starts = MP3FrameHeader.frameStarts(in: mp3), starts.count > 2 else { throw .mp3EncoderOutOfStep }
        return Array(mp3[starts[1]..<starts[starts.count - 1]])
    }
}

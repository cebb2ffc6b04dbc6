/// Reading and writing RIFF/WAVE files with 16-bit PCM samples.
public enum WAVFile {
    /// Why bytes are not a WAV file Parley can read.
    public enum ReadError: Error, Sendable, Equatable {
        case notRIFFWave
        case missingChunk(String)
        /// Only 16-bit integer PCM is read.
        case unsupportedFormat(formatTag: UInt16, bitsPerSample: UInt16)
    }

    /// The audio of a 16-bit PCM WAV file, mixed down to mono.
    public static func read(_ bytes: [UInt8]) throws(ReadError) -> PCMAudio {
        guard bytes.count >= 12, ascii(bytes, 0) == "RIFF", ascii(bytes, 8) == "WAVE" else { throw .notRIFFWave }
        var offset = 12
        var format: (tag: UInt16, channels: Int, rate: Int, bits: UInt16)?
        while offset + 8 <= bytes.count {
            let id = ascii(bytes, offset)
            let size = Int(uint32(bytes, offset + 4))
            let body = offset + 8
            let end = min(body + size, bytes.count)
            switch id {
            case "fmt " where size >= 16:
                format = (uint16(bytes, body), Int(uint16(bytes, body + 2)), Int(uint32(bytes, body + 4)), uint16(bytes, body + 14))
            case "data":
                guard let format else { throw .missingChunk("fmt ") }
                // 0xFFFE is WAVE_FORMAT_EXTENSIBLE, which espeak-ng and sox write for plain PCM too.
                guard format.tag == 1 || format.tag == 0xFFFE, format.bits == 16, format.channels > 0 else {
                    throw .unsupportedFormat(formatTag: format.tag, bitsPerSample: format.bits)
                }
                let interleaved = PCMAudio(pcm16LittleEndian: bytes[body..<end], sampleRate: format.rate).samples
                return PCMAudio(samples: mixDown(interleaved, channels: format.channels), sampleRate: format.rate)
            default:
                break
            }
            // Chunks are padded to an even size.
            offset = body + size + (size & 1)
        }
        throw .missingChunk(format == nil ? "fmt " : "data")
    }

    /// A mono 16-bit PCM WAV file of `audio`.
    public static func write(_ audio: PCMAudio) -> [UInt8] {
        let data = audio.pcm16LittleEndian
        var bytes: [UInt8] = []
        bytes.reserveCapacity(44 + data.count)
        bytes += Array("RIFF".utf8) + le32(36 + data.count) + Array("WAVE".utf8)
        bytes += Array("fmt ".utf8) + le32(16) + le16(1) + le16(1) + le32(audio.sampleRate) + le32(audio.sampleRate * 2) + le16(2) + le16(16)
        bytes += Array("data".utf8) + le32(data.count) + data
        return bytes
    }

    private static func mixDown(_ interleaved: [Float], channels: Int) -> [Float] {
        guard channels > 1 else { return interleaved }
        return stride(from: 0, to: interleaved.count - channels + 1, by: channels).map { start in
            interleaved[start..<(start + channels)].reduce(0, +) / Float(channels)
        }
    }

    private static func ascii(_ bytes: [UInt8], _ offset: Int) -> String {
        String(decoding: bytes[offset..<min(offset + 4, bytes.count)], as: UTF8.self)
    }

    private static func uint16(_ bytes: [UInt8], _ offset: Int) -> UInt16 {
        UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    private static func uint32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
    }

    private static func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
    private static func le32(_ value: Int) -> [UInt8] { (0..<4).map { UInt8(value >> (8 * $0) & 0xFF) } }
}

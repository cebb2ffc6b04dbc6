import NIOCore

/// RFC 6455 frames as a load caller writes them, made once and written as they are, and the
/// server's frames read back.
///
/// A client must mask its frames; the key is all zeros, which leaves the payload as it is (the
/// server unmasks with whatever key the frame names), so a frame is the header and the payload.
enum ClientFrame {
    static let continuation: UInt8 = 0x0, text: UInt8 = 0x1, binary: UInt8 = 0x2, close: UInt8 = 0x8, ping: UInt8 = 0x9, pong: UInt8 = 0xA

    /// One final frame of `opcode` carrying `payload`.
    static func make(_ opcode: UInt8, _ payload: some Collection<UInt8>) -> ByteBuffer {
        var frame = ByteBuffer()
        frame.writeInteger(0x80 | opcode)
        switch payload.count {
        case ..<126:
            frame.writeInteger(0x80 | UInt8(payload.count))
        case ...0xFFFF:
            frame.writeInteger(UInt8(0x80 | 126))
            frame.writeInteger(UInt16(payload.count))
        default:
            frame.writeInteger(UInt8(0x80 | 127))
            frame.writeInteger(UInt64(payload.count))
        }
        frame.writeInteger(UInt32(0))
        frame.writeBytes(payload)
        return frame
    }

    static func text(_ text: String) -> ByteBuffer { make(Self.text, Array(text.utf8)) }

    /// A close frame with status 1000 (normal closure).
    static let normalClosure = make(close, [0x03, 0xE8])

    /// The next whole frame at the front of `buffer`, taken off it: its opcode and payload. `nil`
    /// when the frame has not all arrived yet. Server frames are not masked.
    static func next(in buffer: inout ByteBuffer) -> (opcode: UInt8, payload: ByteBuffer)? {
        let start = buffer.readerIndex
        guard let first = buffer.getInteger(at: start, as: UInt8.self),
              let second = buffer.getInteger(at: start + 1, as: UInt8.self) else { return nil }
        var header = 2
        var length = Int(second & 0x7F)
        if length == 126 {
            guard let long = buffer.getInteger(at: start + 2, as: UInt16.self) else { return nil }
            (length, header) = (Int(long), 4)
        } else if length == 127 {
            guard let long = buffer.getInteger(at: start + 2, as: UInt64.self) else { return nil }
            (length, header) = (Int(long), 10)
        }
        guard buffer.readableBytes >= header + length else { return nil }
        buffer.moveReaderIndex(forwardBy: header)
        guard let payload = buffer.readSlice(length: length) else { return nil }
        return (first & 0x0F, payload)
    }
}

import Crypto
import Foundation
import Hummingbird

/// One file of the web console, held in memory with what its response needs.
struct ConsoleAsset: Sendable {
    let bytes: ByteBuffer
    let contentType: String
    /// A strong validator: the first 16 bytes of the file's SHA-256, in hex and quotes.
    let etag: String

    init(_ data: Data, contentType: String) {
        bytes = ByteBuffer(bytes: data)
        self.contentType = contentType
        etag = "\"" + SHA256.hash(data: data).prefix(16).map { String(format: "%02x", $0) }.joined() + "\""
    }
}

import Crypto
import Foundation

/// HTTP digest authentication as SIP uses it (RFC 3261 §22, RFC 2617): the `Authorization` a
/// challenge (`WWW-Authenticate` / `Proxy-Authenticate`) asks for, with MD5 and `qop=auth`.
struct SIPDigest: Sendable, Equatable {
    var realm: String
    var nonce: String
    var opaque: String?
    var qop: String?
    var algorithm: String?

    /// Reads `Digest realm="…", nonce="…", …`; `nil` for another scheme or a challenge without a nonce.
    init?(challenge: String) {
        let text = challenge.trimmingSpaces
        guard text.lowercased().hasPrefix("digest ") else { return nil }
        var fields: [String: String] = [:]
        for part in SIPText.splitList(String(text.dropFirst(7))) {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces }
            guard pair.count == 2 else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            fields[pair[0].lowercased()] = value
        }
        guard let nonce = fields["nonce"] else { return nil }
        let algorithm = fields["algorithm"]
        guard algorithm == nil || algorithm?.uppercased() == "MD5" else { return nil }
        self.realm = fields["realm"] ?? ""
        self.nonce = nonce
        self.opaque = fields["opaque"]
        // Of the protections offered, `auth` is the one Parley gives.
        self.qop = fields["qop"].flatMap { $0.split(separator: ",").map { $0.trimmingSpaces }.contains("auth") ? "auth" : nil }
        self.algorithm = algorithm
    }

    /// The `Authorization` value for `method` on `uri`; `cnonce` is random unless given (tests).
    func authorization(method: SIPMethod, uri: String, credentials: SIPCredentials, cnonce: String = SIPSignaling.newTag()) -> String {
        let first = Self.md5("\(credentials.username):\(realm):\(credentials.password)")
        let second = Self.md5("\(method):\(uri)")
        var fields = ["username=\"\(credentials.username)\"", "realm=\"\(realm)\"", "nonce=\"\(nonce)\"", "uri=\"\(uri)\""]
        if let qop {
            let count = "00000001"
            fields.append("response=\"\(Self.md5("\(first):\(nonce):\(count):\(cnonce):\(qop):\(second)"))\"")
            fields += ["qop=\(qop)", "nc=\(count)", "cnonce=\"\(cnonce)\""]
        } else {
            fields.append("response=\"\(Self.md5("\(first):\(nonce):\(second)"))\"")
        }
        fields.append("algorithm=MD5")
        if let opaque { fields.append("opaque=\"\(opaque)\"") }
        return "Digest " + fields.joined(separator: ", ")
    }

    static func md5(_ text: String) -> String {
        Insecure.MD5.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

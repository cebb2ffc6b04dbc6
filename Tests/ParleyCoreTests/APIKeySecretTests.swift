import Foundation
import ParleyCore
import Testing

@Suite struct APIKeySecretTests {
    @Test func generatedKeysHaveThePrefixAndParseBack() throws {
        let secret = APIKeySecret.generate()
        #expect(secret.plaintext.hasPrefix("pk_"))
        #expect(secret.plaintext.count == 47)
        let parsed = try #require(APIKeySecret(secret.plaintext))
        #expect(parsed.lookupID == secret.lookupID)
        #expect(parsed.hash == secret.hash)
    }

    @Test func generatedKeysDiffer() {
        let keys = Set((0..<100).map { _ in APIKeySecret.generate().plaintext })
        #expect(keys.count == 100)
    }

    @Test func theIssuedRecordMatchesOnlyItsOwnSecret() throws {
        let (record, secret) = APIKey.issue(organizationID: UUID(), label: "ci")
        #expect(secret.matches(record))
        #expect(!APIKeySecret.generate().matches(record))
        // Same lookup id, different secret: found by lookup, refused by the hash.
        var forged = Array(secret.plaintext)
        forged[forged.count - 1] = forged.last == "a" ? "b" : "a"
        let forgedSecret = try #require(APIKeySecret(String(forged)))
        #expect(forgedSecret.lookupID == record.lookupID)
        #expect(!forgedSecret.matches(record))
    }

    @Test func theRecordKeepsNoPlaintext() {
        let (record, secret) = APIKey.issue(organizationID: UUID(), label: "")
        #expect(record.secretHash != Array(secret.plaintext.utf8))
        #expect(record.displayPrefix == "pk_" + record.lookupID)
        #expect(!"\(secret)".contains(secret.plaintext))
    }

    @Test(arguments: ["", "pk_", "sk_" + String(repeating: "a", count: 44), "pk_" + String(repeating: "a", count: 43),
                      "pk_" + String(repeating: "a", count: 45), "pk_" + String(repeating: "-", count: 44)])
    func malformedKeysDoNotParse(_ candidate: String) {
        #expect(APIKeySecret(candidate) == nil)
    }
}

import ArgumentParser
import Foundation
import ParleyCore

/// `parley keys create`: an API key for an organisation (created if missing).
struct Keys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage API keys.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API key, creating the organization if missing. The key is shown once.")

        @Option(help: "Organization name.") var org: String
        @Option(help: "A label to recognise the key by.") var label: String = ""
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var storeOptions: StoreOptions

        func run() async throws {
            let (org, label) = (org, label)
            let (organization, key, secret) = try await storeOptions.withStore { store in
                guard let organization = try await store.organization(named: org, createIfMissing: true) else {
                    throw ValidationError("could not create organization \(org)")
                }
                let (record, secret) = APIKey.issue(organizationID: organization.id, label: label)
                try await store.insertAPIKey(record)
                return (organization, record, secret)
            }
            if json {
                try printJSON(["organization_id": organization.id.lowercasedString, "key_id": key.id.lowercasedString, "api_key": secret.plaintext])
            } else {
                print("Organization \(organization.name): \(organization.id.lowercasedString)")
                print("API key (shown once, store it now): \(secret.plaintext)")
            }
        }
    }
}

/// Prints a flat JSON object on one line.
func printJSON(_ object: [String: any Encodable & Sendable]) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let encoded = try object.mapValues { String(decoding: try encoder.encode($0), as: UTF8.self) }
    print("{" + encoded.keys.sorted().map { "\"\($0)\": \(encoded[$0]!)" }.joined(separator: ", ") + "}")
}

import ArgumentParser
import ParleyCore

/// `parley credits grant`: appends to an organisation's credit ledger.
struct Credits: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage credits.", subcommands: [Grant.self])

    struct Grant: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Grant (or, negative, take back) credits and print the new balance.")

        @Option(help: "Organization name.") var org: String
        @Option(help: "Credits to add; negative to debit.") var amount: Int64
        @Option(help: "Why, for the ledger.") var reason: String = "grant"
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var storeOptions: StoreOptions

        func validate() throws {
            guard amount != 0 else { throw ValidationError("--amount must not be zero") }
        }

        func run() async throws {
            let (org, amount, reason) = (org, amount, reason)
            let (organization, balance) = try await storeOptions.withStore { store in
                guard let organization = try await store.organization(named: org, createIfMissing: false) else {
                    throw ValidationError("no organization named \(org): create one with `parley keys create --org \(org)`")
                }
                let balance = try await store.appendCredits(CreditEntry(organizationID: organization.id, amount: amount, reason: reason))
                return (organization, balance)
            }
            if json {
                try printJSON(["organization_id": organization.id.lowercasedString, "balance": balance])
            } else {
                print("Balance of \(organization.name): \(balance)")
            }
        }
    }
}

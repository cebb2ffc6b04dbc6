import Foundation
import ParleyCore

/// Debits a call's organisation one credit for every minute the call starts (a credit is a
/// minute), and says when the balance has run out.
struct CreditMeter: Sendable {
    let store: any Store
    let organizationID: UUID
    let callID: UUID
    var minute: Duration = .seconds(60)

    /// Debits a minute now and at the start of every further minute; returns when a minute
    /// cannot be paid for (the balance is not positive), which ends the call.
    func run() async throws {
        var minutes = 0
        while true {
            guard try await store.creditBalance(organizationID: organizationID) > 0 else { return }
            minutes += 1
            _ = try await store.appendCredits(CreditEntry(
                organizationID: organizationID, amount: -1, reason: "call \(callID.lowercasedString) minute \(minutes)"
            ))
            try await Task.sleep(for: minute)
        }
    }
}

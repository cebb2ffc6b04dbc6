/// The dashboard's summary of an organisation (`GET /api/dashboard/stats`).
public struct OrganizationStats: Sendable, Equatable {
    public var totalCalls: Int
    /// Minutes of finished calls.
    public var totalMinutes: Double
    public var activeCalls: Int
    public var creditBalance: Int64

    public init(totalCalls: Int, totalMinutes: Double, activeCalls: Int, creditBalance: Int64) {
        self.totalCalls = totalCalls
        self.totalMinutes = totalMinutes
        self.activeCalls = activeCalls
        self.creditBalance = creditBalance
    }
}

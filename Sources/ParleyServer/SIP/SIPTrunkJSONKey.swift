/// The fields of a SIP trunk in the API, read by ``SIPTrunkBody`` and written by ``SIPTrunkResponse``.
enum SIPTrunkJSONKey: String, CodingKey, CaseIterable {
    case trunkID = "trunk_id"
    case workspaceID = "workspace_id"
    case trunkName = "trunk_name"
    case provider, host, port, username, password
    case outboundNumber = "outbound_number"
    case hasPassword = "has_password"
    case allowedAddresses = "allowed_addresses"
    case createdAt = "created_at"

    /// What a body may carry: all but the fields only a response has.
    static let writable = Set(allCases.filter { ![.trunkID, .hasPassword, .createdAt].contains($0) }.map(\.stringValue))
}

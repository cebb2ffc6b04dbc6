/// `CSeq: 314159 INVITE`: orders a dialog's requests and names the method a response answers.
public struct SIPCSeq: Sendable, Equatable, CustomStringConvertible {
    public var number: UInt32
    public var method: SIPMethod

    public init(number: UInt32, method: SIPMethod) {
        self.number = number
        self.method = method
    }

    public init?(_ text: some StringProtocol) {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count == 2, let number = UInt32(parts[0]) else { return nil }
        self.init(number: number, method: SIPMethod(rawValue: String(parts[1])))
    }

    public var description: String { "\(number) \(method)" }
}

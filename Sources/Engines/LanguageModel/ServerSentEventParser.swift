/// Splits a `text/event-stream` byte stream into the `data` of each event.
///
/// Pure and incremental: feed it bytes as they arrive, in any split, and take the events it has
/// completed. Handles `\n`, `\r\n` and `\r` line ends, multi-line `data`, comments and other fields.
public struct ServerSentEventParser: Sendable {
    private var line: [UInt8] = []
    private var data: [UInt8] = []
    private var hasData = false
    private var lastWasCR = false

    public init() {}

    /// The data of every event completed by `bytes`.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [String] {
        var events: [String] = []
        for byte in bytes {
            if lastWasCR, byte == UInt8(ascii: "\n") {
                lastWasCR = false
                continue
            }
            lastWasCR = byte == UInt8(ascii: "\r")
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                if let event = endLine() { events.append(event) }
            } else {
                line.append(byte)
            }
        }
        return events
    }

    private mutating func endLine() -> String? {
        defer { line.removeAll(keepingCapacity: true) }
        guard !line.isEmpty else {
            // A blank line dispatches the event, if it carried data.
            guard hasData else { return nil }
            defer {
                data.removeAll(keepingCapacity: true)
                hasData = false
            }
            return String(decoding: data, as: UTF8.self)
        }
        guard line.first != UInt8(ascii: ":") else { return nil }
        let colon = line.firstIndex(of: UInt8(ascii: ":")) ?? line.endIndex
        guard line[..<colon].elementsEqual("data".utf8) else { return nil }
        var value = line[min(colon + 1, line.endIndex)...]
        if value.first == UInt8(ascii: " ") { value = value.dropFirst() }
        if hasData { data.append(UInt8(ascii: "\n")) }
        data.append(contentsOf: value)
        hasData = true
        return nil
    }
}

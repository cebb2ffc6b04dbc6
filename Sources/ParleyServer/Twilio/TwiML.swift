/// The TwiML Parley answers Twilio's voice webhook with.
enum TwiML {
    /// Connects the call to a Media Streams WebSocket at `url`, handing it `parameters` (Twilio
    /// drops a query string from a stream's URL; `<Parameter>`s come back in the `start` message).
    static func connectStream(url: String, parameters: [(name: String, value: String)]) -> String {
        let nouns = parameters.map { #"<Parameter name="\#(escaped($0.name))" value="\#(escaped($0.value))"/>"# }.joined()
        return #"<?xml version="1.0" encoding="UTF-8"?><Response><Connect><Stream url="\#(escaped(url))">\#(nouns)</Stream></Connect></Response>"#
    }

    /// `text` for an XML attribute value.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.append(character)
            }
        }
        return result
    }
}

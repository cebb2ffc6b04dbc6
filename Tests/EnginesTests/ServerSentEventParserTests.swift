import Engines
import Testing

@Suite struct ServerSentEventParserTests {
    @Test func eventsEndAtBlankLines() {
        var parser = ServerSentEventParser()
        #expect(parser.feed("data: one\n\ndata: two\n".utf8) == ["one"])
        #expect(parser.feed("\n".utf8) == ["two"])
    }

    @Test func bytesMaySplitAnywhere() {
        let stream = Array("data: {\"a\": 1}\r\n\r\n: keep-alive\r\n\r\ndata: [DONE]\r\n\r\n".utf8)
        for split in 1..<stream.count {
            var parser = ServerSentEventParser()
            let events = parser.feed(stream[..<split]) + parser.feed(stream[split...])
            #expect(events == ["{\"a\": 1}", "[DONE]"], "split at \(split)")
        }
    }

    @Test func multiLineDataJoinsWithNewlines() {
        var parser = ServerSentEventParser()
        #expect(parser.feed("event: message\ndata: first\ndata:second\nid: 7\n\n".utf8) == ["first\nsecond"])
    }

    @Test func commentsAndEmptyEventsAreIgnored() {
        var parser = ServerSentEventParser()
        #expect(parser.feed(": ping\n\n\n\nretry: 100\n\n".utf8) == [])
    }

    @Test func bareCarriageReturnsEndLines() {
        var parser = ServerSentEventParser()
        #expect(parser.feed("data: x\r\rdata: y\r\r".utf8) == ["x", "y"])
    }
}

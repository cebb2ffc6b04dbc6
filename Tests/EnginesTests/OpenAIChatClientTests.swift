import Engines
import Foundation
import TestSupport
import Testing

@Suite struct OpenAIChatClientTests {
    /// `responseTimeout` is generous for the fake server: the engine tests running beside these
    /// load both cores, and a timed-out first attempt would be retried and counted twice.
    func client(_ baseURL: String, apiKey: String? = nil, responseTimeout: Duration = .seconds(10)) -> OpenAIChatClient {
        var configuration = OpenAIChatClient.Configuration(baseURL: baseURL, apiKey: apiKey, model: "test-model")
        configuration.retryDelay = .milliseconds(10)
        configuration.responseTimeout = responseTimeout
        return OpenAIChatClient(configuration: configuration)
    }

    @Test func theReplyStreamsPieceByPiece() async throws {
        let events = [FakeChatServer.text("Hello"), FakeChatServer.text(" there"), FakeChatServer.text(" friend", finish: "stop")]
        try await FakeChatServer.run([.stream(events, gap: .milliseconds(300))]) { baseURL, log in
            let arrivals = Arrivals()
            let reply = try await client(baseURL, apiKey: "sk-test").generate(
                ChatRequest(messages: [.system("Be brief."), .user("Hi")], temperature: 0.2)
            ) { delta in
                await arrivals.add(delta)
            }
            #expect(reply == ChatReply(text: "Hello there friend", finishReason: "stop"))
            let (deltas, times) = await (arrivals.deltas, arrivals.times)
            #expect(deltas == [.text("Hello"), .text(" there"), .text(" friend")])
            // Each piece was handed over as it came, not all at the end: 600 ms apart as sent, and
            // still more than half that when a loaded machine hands over the first one late (with
            // 150 ms gaps it once came 115 ms late while the engine suites ran beside it).
            #expect(times[2] - times[0] >= .milliseconds(300))

            let request = try #require(await log.requests.first)
            #expect(request["stream"] as? String == "1")
            #expect(request["model"] as? String == "test-model")
            #expect((request["messages"] as? String)?.contains("Be brief.") == true)
        }
    }

    @Test func toolCallsAreAssembledFromFragments() async throws {
        let events = [
            #"{"choices":[{"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":""}}]},"finish_reason":null}]}"#,
            #"{"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":"}}]},"finish_reason":null}]}"#,
            #"{"choices":[{"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"Paris\"}"}}]},"finish_reason":"tool_calls"}]}"#,
        ]
        try await FakeChatServer.run([.stream(events)]) { baseURL, _ in
            let reply = try await client(baseURL).generate(ChatRequest(messages: [.user("Weather in Paris?")])) { _ in }
            #expect(reply.toolCalls == [ToolCall(id: "call_1", name: "get_weather", arguments: #"{"city":"Paris"}"#)])
            #expect(reply.finishReason == "tool_calls")
        }
    }

    @Test func theUsageChunkIsRead() async throws {
        let events = [
            FakeChatServer.text("Hi", finish: "stop"),
            #"{"choices":[],"usage":{"completion_tokens":1,"prompt_tokens":40,"total_tokens":41,"prompt_tokens_details":{"cached_tokens":32}}}"#,
        ]
        try await FakeChatServer.run([.stream(events)]) { baseURL, log in
            let reply = try await client(baseURL).generate(ChatRequest(messages: [.user("Hi")])) { _ in }
            #expect(reply.usage == TokenUsage(promptTokens: 40, cachedPromptTokens: 32, completionTokens: 1))
            let request = try #require(await log.requests.first)
            #expect((request["stream_options"] as? String)?.contains("include_usage") == true, "usage is asked for")
        }
    }

    @Test func anHTTPErrorCarriesTheServersMessageAndIsNotRetried() async throws {
        try await FakeChatServer.run([.status(401, #"{"error": {"message": "Incorrect API key provided"}}"#)]) { baseURL, log in
            await #expect(throws: LanguageModelError.rejected(status: 401, message: "Incorrect API key provided")) {
                try await client(baseURL).generate(ChatRequest(messages: [.user("Hi")])) { _ in }
            }
            #expect(await log.requests.count == 1)
        }
    }

    @Test func aBusyServerIsRetriedBeforeTheFirstPiece() async throws {
        try await FakeChatServer.run([.status(503, "busy"), .status(429, "slow down"), .stream([FakeChatServer.text("ok", finish: "stop")])]) { baseURL, log in
            let reply = try await client(baseURL).generate(ChatRequest(messages: [.user("Hi")])) { _ in }
            #expect(reply.text == "ok")
            #expect(await log.requests.count == 3)
        }
    }

    @Test func aWrongBaseURLSaysWhereItLooked() async throws {
        let port = try await LoopbackServer.closedPort()
        let url = "http://127.0.0.1:\(port)/v1"
        await #expect(throws: LanguageModelError.unreachable(url: url + "/chat/completions")) {
            // AsyncHTTPClient keeps retrying a refused connection until the timeout passes.
            try await client(url, responseTimeout: .seconds(1)).generate(ChatRequest(messages: [.user("Hi")])) { _ in }
        }
    }

    @Test func aStreamCutAfterTheFirstPieceIsNotRetried() async throws {
        try await FakeChatServer.run([.stream([FakeChatServer.text("Hel")], done: false)]) { baseURL, log in
            let received = Arrivals()
            await #expect(throws: LanguageModelError.truncated) {
                try await client(baseURL).generate(ChatRequest(messages: [.user("Hi")])) { await received.add($0) }
            }
            #expect(await received.deltas == [.text("Hel")])
            #expect(await log.requests.count == 1)
        }
    }

    @Test func aMalformedStreamIsAnError() async throws {
        try await FakeChatServer.run([.stream(["this is not json"])]) { baseURL, _ in
            await #expect(throws: LanguageModelError.malformedStream) {
                try await client(baseURL).generate(ChatRequest(messages: [.user("Hi")])) { _ in }
            }
        }
    }

    @Test func theConsumersOwnErrorPassesThrough() async throws {
        struct Stop: Error, Equatable {}
        try await FakeChatServer.run([.stream([FakeChatServer.text("a"), FakeChatServer.text("b", finish: "stop")])]) { baseURL, _ in
            await #expect(throws: Stop()) {
                try await client(baseURL).generate(ChatRequest(messages: [.user("Hi")])) { _ in throw Stop() }
            }
        }
    }

    @Test func cancellingStopsTheStreamAtTheServer() async throws {
        let events = (0..<100).map { FakeChatServer.text("t\($0) ") }
        try await FakeChatServer.run([.stream(events, gap: .milliseconds(20))]) { baseURL, log in
            let received = Arrivals()
            let generation = Task {
                try await client(baseURL).generate(ChatRequest(messages: [.user("Count")])) { await received.add($0) }
            }
            while await received.deltas.count < 2 { try await Task.sleep(for: .milliseconds(5)) }
            generation.cancel()
            _ = await generation.result
            let deadline = ContinuousClock.now + .seconds(2)
            while await !log.clientLeft, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
            #expect(await log.clientLeft, "the server saw the client go")
            #expect(try #require(await log.written.first) < 50)
        }
    }
}

/// What a test's `onDelta` received, and when.
actor Arrivals {
    private(set) var deltas: [ChatDelta] = []
    private(set) var times: [ContinuousClock.Instant] = []

    func add(_ delta: ChatDelta) {
        deltas.append(delta)
        times.append(.now)
    }
}

import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A streaming client for any OpenAI-compatible chat-completions server: llama.cpp's
/// `llama-server`, OpenAI, Groq, Ollama, vLLM…
///
/// Failures before the first piece of the reply (nothing answered, 429, 5xx) are retried; once the
/// reply has started, errors end it, since the caller has already used what it received.
public struct OpenAIChatClient: LanguageModel {
    public struct Configuration: Sendable {
        /// Up to and including `/v1`, e.g. `http://127.0.0.1:8081/v1`.
        public var baseURL: String
        public var apiKey: String?
        /// Used when a request names no model.
        public var model: String
        /// How long the server may take to start answering. The stream itself is not limited:
        /// callers stop a reply by cancelling.
        public var responseTimeout: Duration = .seconds(10)
        public var maxAttempts = 3
        /// Waited after the first failed attempt; doubled after each further one.
        public var retryDelay: Duration = .milliseconds(200)

        public init(baseURL: String, apiKey: String? = nil, model: String) {
            self.baseURL = baseURL
            self.apiKey = apiKey
            self.model = model
        }
    }

    public let configuration: Configuration
    let httpClient: HTTPClient

    public init(configuration: Configuration, httpClient: HTTPClient = .shared) {
        self.configuration = configuration
        self.httpClient = httpClient
    }

    public func generate(_ request: ChatRequest, onDelta: (ChatDelta) async throws -> Void) async throws -> ChatReply {
        let body = try JSONEncoder().encode(CompletionBody(request, defaultModel: configuration.model))
        var delay = configuration.retryDelay
        var attempt = 1
        while true {
            do {
                return try await attemptGeneration(body: body, onDelta: onDelta)
            } catch let failure as FailedBeforeFirstDelta {
                guard failure.error.isTransient, attempt < configuration.maxAttempts else { throw failure.error }
                try await Task.sleep(for: delay)
                delay *= 2
                attempt += 1
            }
        }
    }

    /// An error raised before anything reached the caller, so the request may be tried again.
    private struct FailedBeforeFirstDelta: Error {
        let error: LanguageModelError
    }

    /// An error of the caller's own `onDelta`, passed through untouched.
    private struct ConsumerFailure: Error {
        let error: any Error
    }

    private func attemptGeneration(body: Data, onDelta: (ChatDelta) async throws -> Void) async throws -> ChatReply {
        let url = configuration.baseURL.trimmingSuffix("/") + "/chat/completions"
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "text/event-stream")
        if let apiKey = configuration.apiKey { request.headers.add(name: "Authorization", value: "Bearer \(apiKey)") }
        request.body = .bytes(ByteBuffer(bytes: body))

        let response: HTTPClientResponse
        do {
            response = try await httpClient.execute(request, timeout: .nanoseconds(Int64(configuration.responseTimeout / .nanoseconds(1))))
        } catch {
            if Task.isCancelled { throw CancellationError() }
            throw FailedBeforeFirstDelta(error: .unreachable(url: url))
        }
        guard (200..<300).contains(response.status.code) else {
            let text = (try? await response.body.collect(upTo: 64 * 1024)).map { String(buffer: $0) } ?? ""
            throw FailedBeforeFirstDelta(error: .rejected(status: Int(response.status.code), message: Self.errorMessage(in: text)))
        }

        var parser = ServerSentEventParser()
        var assembler = ReplyAssembler()
        var started = false
        let decoder = JSONDecoder()
        do {
            for try await buffer in response.body {
                for event in parser.feed(buffer.readableBytesView) {
                    if event == "[DONE]" { return assembler.reply }
                    guard let chunk = try? decoder.decode(ChatCompletionChunk.self, from: Data(event.utf8)) else {
                        throw LanguageModelError.malformedStream
                    }
                    if let error = chunk.error { throw LanguageModelError.failedMidStream(error.message) }
                    for delta in assembler.absorb(chunk) {
                        started = true
                        do {
                            try await onDelta(delta)
                        } catch {
                            throw ConsumerFailure(error: error)
                        }
                    }
                }
            }
        } catch let failure as ConsumerFailure {
            throw failure.error
        } catch let error as LanguageModelError {
            throw started ? error : FailedBeforeFirstDelta(error: error)
        } catch {
            if Task.isCancelled { throw CancellationError() }
            // The connection broke while the body was being read.
            throw started ? LanguageModelError.truncated : FailedBeforeFirstDelta(error: .unreachable(url: url))
        }
        // Some servers close the stream without `[DONE]` once they have said why they stopped.
        guard assembler.reply.finishReason != nil else {
            throw started ? LanguageModelError.truncated : FailedBeforeFirstDelta(error: .truncated)
        }
        return assembler.reply
    }

    /// The `error.message` of an OpenAI-style error body, else the body itself.
    static func errorMessage(in body: String) -> String {
        struct ErrorBody: Decodable {
            struct Detail: Decodable { var message: String }
            var error: Detail
        }
        if let parsed = try? JSONDecoder().decode(ErrorBody.self, from: Data(body.utf8)) { return parsed.error.message }
        let trimmed = body.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? "no message" : String(trimmed.prefix(500))
    }
}

/// The JSON body of a streamed chat-completions request.
private struct CompletionBody: Encodable {
    var model: String
    var messages: [ChatMessage]
    var stream = true
    var streamOptions = StreamOptions()
    var temperature: Double?
    var maxTokens: Int?
    var tools: [ToolDefinition]?

    struct StreamOptions: Encodable {
        var includeUsage = true

        enum CodingKeys: String, CodingKey {
            case includeUsage = "include_usage"
        }
    }

    enum CodingKeys: String, CodingKey {
        case model, messages, stream, temperature, tools
        case streamOptions = "stream_options"
        case maxTokens = "max_tokens"
    }

    init(_ request: ChatRequest, defaultModel: String) {
        model = request.model ?? defaultModel
        messages = request.messages
        temperature = request.temperature
        maxTokens = request.maxTokens
        tools = request.tools.isEmpty ? nil : request.tools
    }
}

extension String {
    func trimmingSuffix(_ suffix: Character) -> String {
        var result = self
        while result.last == suffix { result.removeLast() }
        return result
    }
}

/// Builds a ``ChatReply`` from streamed chat-completion chunks and says what each chunk added.
struct ReplyAssembler {
    private(set) var reply = ChatReply()
    private var calls: [Int: ToolCall] = [:]

    /// The deltas one chunk carries, in order; the reply grows by them.
    mutating func absorb(_ chunk: ChatCompletionChunk) -> [ChatDelta] {
        var deltas: [ChatDelta] = []
        for choice in chunk.choices {
            if let text = choice.delta?.content, !text.isEmpty {
                reply.text += text
                deltas.append(.text(text))
            }
            for call in choice.delta?.toolCalls ?? [] {
                let index = call.index ?? 0
                var assembled = calls[index] ?? ToolCall(id: "", name: "", arguments: "")
                if let id = call.id { assembled.id = id }
                if let name = call.function?.name { assembled.name += name }
                let fragment = call.function?.arguments ?? ""
                assembled.arguments += fragment
                calls[index] = assembled
                deltas.append(.toolCall(index: index, id: call.id, name: call.function?.name, argumentsFragment: fragment))
            }
            if let reason = choice.finishReason { reply.finishReason = reason }
        }
        reply.toolCalls = calls.keys.sorted().compactMap { calls[$0] }
        if let usage = chunk.usage {
            reply.usage = TokenUsage(
                promptTokens: usage.promptTokens,
                cachedPromptTokens: usage.promptTokensDetails?.cachedTokens ?? 0,
                completionTokens: usage.completionTokens
            )
        }
        return deltas
    }
}

/// One `data:` event of a streamed chat completion.
struct ChatCompletionChunk: Decodable {
    struct Choice: Decodable {
        var delta: Delta?
        var finishReason: String?

        enum CodingKeys: String, CodingKey {
            case delta
            case finishReason = "finish_reason"
        }
    }

    struct Delta: Decodable {
        var content: String?
        var toolCalls: [ToolCallDelta]?

        enum CodingKeys: String, CodingKey {
            case content
            case toolCalls = "tool_calls"
        }
    }

    struct ToolCallDelta: Decodable {
        var index: Int?
        var id: String?
        var function: Function?

        struct Function: Decodable {
            var name: String?
            var arguments: String?
        }
    }

    /// Some servers report failures inside the stream as `{"error": {"message": ...}}`.
    struct StreamError: Decodable {
        var message: String
    }

    /// Sent in a last chunk of its own when the request asked for it (`stream_options`).
    struct Usage: Decodable {
        struct PromptDetails: Decodable {
            var cachedTokens: Int?

            enum CodingKeys: String, CodingKey {
                case cachedTokens = "cached_tokens"
            }
        }

        var promptTokens: Int
        var completionTokens: Int
        var promptTokensDetails: PromptDetails?

        enum CodingKeys: String, CodingKey {
            case promptTokens = "prompt_tokens"
            case completionTokens = "completion_tokens"
            case promptTokensDetails = "prompt_tokens_details"
        }
    }

    var choices: [Choice]
    var error: StreamError?
    var usage: Usage?

    enum CodingKeys: String, CodingKey { case choices, error, usage }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        choices = try container.decodeIfPresent([Choice].self, forKey: .choices) ?? []
        error = try container.decodeIfPresent(StreamError.self, forKey: .error)
        // A usage this client cannot read is no reason to fail the reply.
        usage = try? container.decodeIfPresent(Usage.self, forKey: .usage)
    }
}

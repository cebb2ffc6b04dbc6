import Foundation
import Hummingbird
import TestSupport

/// A chat-completions server on a loopback port that answers each request as its script says,
/// and records what it was asked and how far each stream got.
enum FakeChatServer {
    /// How to answer one request.
    enum Answer: Sendable {
        /// An HTTP error with this body.
        case status(Int, String)
        /// These `data:` payloads, `gap` apart, then `[DONE]` unless `done` is false.
        case stream([String], gap: Duration = .zero, done: Bool = true)
    }

    actor Log {
        private(set) var requests: [[String: any Sendable]] = []
        /// Per request: how many events were written before the client went away (or all).
        private(set) var written: [Int] = []
        private(set) var clientLeft = false

        func record(_ body: [String: any Sendable]) -> Int {
            requests.append(body)
            written.append(0)
            return requests.count - 1
        }
        func wrote(_ index: Int) { written[index] += 1 }
        func left() { clientLeft = true }
    }

    /// `answers[n]` answers the n-th request (the last one answers any further).
    static func run<T: Sendable>(
        _ answers: [Answer],
        _ body: @Sendable (_ baseURL: String, _ log: Log) async throws -> T
    ) async throws -> T {
        let log = Log()
        let router = Router()
        router.post("v1/chat/completions") { request, _ -> Response in
            let index = await log.record(try await request.jsonFields())
            switch answers[min(index, answers.count - 1)] {
            case .status(let status, let text):
                return Response(status: .init(code: status), headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
            case .stream(let events, let gap, let done):
                let body = ResponseBody { writer in
                    do {
                        for event in events + (done ? ["[DONE]"] : []) {
                            try await writer.write(ByteBuffer(string: "data: \(event)\n\n"))
                            await log.wrote(index)
                            if gap > .zero { try await Task.sleep(for: gap) }
                        }
                        try await writer.finish(nil)
                    } catch {
                        await log.left()
                        throw error
                    }
                }
                return Response(status: .ok, headers: [.contentType: "text/event-stream"], body: body)
            }
        }
        return try await LoopbackServer.run(router) { port in try await body("http://127.0.0.1:\(port)/v1", log) }
    }

    /// A `data:` payload carrying some reply text.
    static func text(_ text: String, finish: String? = nil) -> String {
        let reason = finish.map { "\"\($0)\"" } ?? "null"
        let escaped = String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
        return #"{"choices":[{"index":0,"delta":{"content":\#(escaped)},"finish_reason":\#(reason)}]}"#
    }
}

import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import ParleyServer
import Testing

@Suite struct ConsoleRouteTests {
    @Test func theConsolePageIsServedAtTheRootWithAStrictPolicy() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            let response = try await client.call(.get, "/")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            #expect(response.text.contains("<script type=\"module\" src=\"/console/app.js\">"))
            let policy = try #require(response.headers[HTTPField.Name("Content-Security-Policy")!])
            #expect(policy.contains("script-src 'self'") && policy.contains("frame-ancestors 'none'"))
            #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
        }
    }

    @Test(arguments: [
        ("app.js", "text/javascript; charset=utf-8"), ("voice-call.js", "text/javascript; charset=utf-8"),
        ("capture-worklet.js", "text/javascript; charset=utf-8"), ("console.css", "text/css; charset=utf-8"),
    ])
    func everyFileOfTheConsoleHasItsType(file: String, type: String) async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            let response = try await client.call(.get, "/console/\(file)")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == type)
            #expect(!response.text.isEmpty)
        }
    }

    @Test func anUnchangedFileIsNotSentAgain() async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            let first = try await client.call(.get, "/console/app.js")
            let etag = try #require(first.headers[.eTag])
            #expect(first.headers[.cacheControl] == "no-cache")
            let again = try await client.execute(uri: "/console/app.js", method: .get, headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)
            #expect(again.body.readableBytes == 0)
            let stale = try await client.execute(uri: "/console/app.js", method: .get, headers: [.ifNoneMatch: "\"stale\""])
            #expect(stale.status == .ok)
        }
    }

    @Test(arguments: ["/console/nothing.js", "/console/..%2FPackage.swift", "/console/"])
    func whatIsNotPartOfTheConsoleIsNotFound(path: String) async throws {
        let fixture = try await ServerFixture.make()
        try await fixture.application().test(.router) { client in
            let response = try await client.call(.get, path)
            #expect(response.status == .notFound)
            #expect(try response.error().code == "not_found")
        }
    }
}

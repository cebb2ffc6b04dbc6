import Hummingbird

/// The web console: its page at `/` and its scripts and styles under `/console/`. Everything it
/// shows comes from the dashboard API and `/ws/voice`, called from the browser with the key the
/// user signed in with.
struct ConsoleController: Sendable {
    let assets: ConsoleAssets

    // Only Parley's own scripts, styles and connections (its WebSocket included); no framing.
    static let contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; media-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

    func addRoutes(to router: Router<ParleyRequestContext>) {
        router.get("/") { request, _ in try serve("index.html", request) }
        router.get("console/{file}") { request, context in
            try serve(try context.parameters.require("file"), request)
        }
    }

    private func serve(_ name: String, _ request: Request) throws -> Response {
        guard let asset = assets[name] else { throw HTTPError(.notFound) }
        var headers: HTTPFields = [
            .contentType: asset.contentType,
            .eTag: asset.etag,
            // The files change with Parley itself: revalidate each time, cheaply, by ETag.
            .cacheControl: "no-cache",
            .init("X-Content-Type-Options")!: "nosniff",
        ]
        if name.hasSuffix(".html") {
            headers[.init("Content-Security-Policy")!] = Self.contentSecurityPolicy
            headers[.init("Referrer-Policy")!] = "no-referrer"
        }
        if request.headers[.ifNoneMatch] == asset.etag {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: asset.bytes))
    }
}

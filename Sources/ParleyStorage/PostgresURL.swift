import Foundation
import ParleyCore
import PostgresNIO

/// Reads a `postgres://` URL into a client configuration.
enum PostgresURL {
    static func configuration(from string: String) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: string),
            components.scheme == "postgres" || components.scheme == "postgresql",
            let host = components.host, !host.isEmpty,
            let user = components.user
        else {
            throw ParleyError.invalidField("database_url", "must look like postgres://user:password@host:port/database")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        let sslMode = components.queryItems?.first(where: { $0.name == "sslmode" })?.value
        let tls: PostgresClient.Configuration.TLS =
            switch sslMode {
            case "require", "verify-ca", "verify-full": .require(.makeClientConfiguration())
            case "prefer": .prefer(.makeClientConfiguration())
            default: .disable
            }
        var configuration = PostgresClient.Configuration(
            host: host,
            port: components.port ?? 5432,
            username: user.removingPercentEncoding ?? user,
            password: components.password?.removingPercentEncoding,
            database: database.isEmpty ? nil : database,
            tls: tls
        )
        configuration.options.maximumConnections = 20
        return configuration
    }
}

import BerthPluginABI
import Foundation
import PostgresNIO

/// The driver's JSON configuration: `{"url": "postgresql://user[:password]@host[:port]/database"}`, optionally
/// `"password"` (overrides the URL's; also `PGPASSWORD`). TLS is not offered yet: connect over loopback or a
/// private network.
struct DriverConfiguration {
    var connection: PostgresConnection.Configuration

    init(json: String) throws {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            throw DriverFailure(BERTH_INVALID, "the configuration is not a JSON object")
        }
        guard let url = object["url"] as? String else {
            throw DriverFailure(BERTH_INVALID, #"the configuration needs "url" (postgresql://user@host:5432/database)"#)
        }
        guard let components = URLComponents(string: url), ["postgresql", "postgres"].contains(components.scheme ?? ""),
            let host = components.host, !host.isEmpty
        else {
            throw DriverFailure(BERTH_INVALID, "\"url\" must look like postgresql://user@host:5432/database, not \(url)")
        }
        if let mode = components.queryItems?.first(where: { $0.name == "sslmode" })?.value, !["disable", "prefer", "allow"].contains(mode) {
            throw DriverFailure(BERTH_INVALID, "sslmode=\(mode) is not supported yet (TLS is not offered)")
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let password =
            object["password"] as? String ?? components.password ?? ProcessInfo.processInfo.environment["PGPASSWORD"]
        connection = PostgresConnection.Configuration(
            host: host,
            port: components.port ?? 5432,
            username: components.user ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres",
            password: password,
            database: database.isEmpty ? nil : database,
            tls: .disable
        )
    }
}

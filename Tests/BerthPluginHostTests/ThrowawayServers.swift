import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A private PostgreSQL server for one test (`Tools/scripts/throwaway-postgres.sh`: 127.0.0.1 only, user `berth`,
/// database `berth`, data in a temporary directory); `stop()` ends it and removes the directory.
final class ThrowawayPostgres: ThrowawayServer {
    init() throws { try super.init(script: "throwaway-postgres.sh") }

    /// The connection URL of `database` on this server.
    func url(_ database: String = "berth") -> String { "postgresql://berth@127.0.0.1:\(port)/\(database)" }

    /// The driver configuration for `database`.
    func config(_ database: String = "berth") -> String { #"{"url": "\#(url(database))"}"# }
}

/// A private S3 endpoint for one test (`Tools/scripts/throwaway-s3.sh`: moto's server mode on 127.0.0.1 with an empty
/// bucket `berth`).
final class ThrowawayS3: ThrowawayServer {
    init() throws { try super.init(script: "throwaway-s3.sh") }

    var endpoint: String { "http://127.0.0.1:\(port)" }

    /// The s3 plugin's configuration: this endpoint, bucket `berth`, keys under `prefix`.
    func config(prefix: String) -> String {
        #"{"endpoint": "\#(endpoint)", "bucket": "berth", "region": "us-east-1", "pathStyle": true, "prefix": "\#(prefix)", "#
            + #""accessKeyId": "test", "secretAccessKey": "test"}"#
    }
}

/// A server a `Tools/scripts/throwaway-*.sh` script starts on a free port (`start DIR PORT`) and stops (`stop DIR`).
class ThrowawayServer {
    let script: String

    let directory: String
    let port: Int

    /// Starts a server on a free port (tries a few random ones). - Throws: when the server cannot start.
    init(script name: String) throws {
        let script = PluginBuilder.repository.appendingPathComponent("Tools/scripts/" + name).path
        self.script = script
        var lastError: (any Error)?
        for _ in 0..<4 {
            let directory = NSTemporaryDirectory() + "berth-throwaway-" + UUID().uuidString.prefix(8)
            let port = Int.random(in: 20000..<60000)
            do {
                try Self.run(script, ["start", directory, String(port)])
                self.directory = directory
                self.port = port
                return
            } catch {
                lastError = error
                try? Self.run(script, ["stop", directory])
            }
        }
        throw lastError!
    }

    func stop() {
        do { try Self.run(script, ["stop", directory]) } catch { print("throwaway server in \(directory) did not stop: \(error)") }
    }

    /// Runs the script with `system` (Foundation's `Process` can wait forever here: the server it starts outlives it).
    private static func run(_ script: String, _ arguments: [String]) throws {
        let command = (["/bin/bash", script] + arguments).map { "'\($0)'" }.joined(separator: " ")
        guard system(command) == 0 else {
            throw CocoaError(
                .executableLoad, userInfo: [NSLocalizedDescriptionKey: "\(script) \(arguments.joined(separator: " ")) failed"])
        }
    }
}

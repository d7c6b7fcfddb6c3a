import BerthPluginABI
import PostgresNIO

/// A failed driver call: the ABI status it maps to and the message for the host's error buffer.
struct DriverFailure: Error {
    var status: berth_status
    var message: String

    init(_ status: Int32, _ message: String) {
        self.status = status
        self.message = message
    }

    /// `error` as the ABI sees it (the host prefixes the plugin and the call): serialisation failures and deadlocks are `BERTH_CONFLICT` (the host rolls back
    /// and may retry), everything else `BERTH_ERROR` with PostgreSQL's SQLSTATE and message.
    init(_ error: any Error, doing what: String) {
        if let failure = error as? DriverFailure {
            self = failure
            return
        }
        guard let psql = error as? PSQLError else {
            self.init(BERTH_ERROR, "\(what): \(error)")
            return
        }
        let state = psql.serverInfo?[.sqlState] ?? ""
        let detail = psql.serverInfo?[.message] ?? "\(psql.code)"
        let conflict = state == "40001" || state == "40P01"
        self.init(conflict ? BERTH_CONFLICT : BERTH_ERROR, "\(detail)\(state.isEmpty ? "" : " (SQLSTATE \(state))")")
    }

    /// Writes the message into the host's buffer (truncated, NUL-terminated) and returns the status.
    func report(into buffer: UnsafeMutablePointer<CChar>?, capacity: Int) -> berth_status {
        if let buffer, capacity > 0 {
            let bytes = Array(message.utf8.prefix(capacity - 1))
            bytes.withUnsafeBufferPointer { source in
                for (index, byte) in source.enumerated() { buffer[index] = CChar(bitPattern: byte) }
            }
            buffer[bytes.count] = 0
        }
        return status
    }
}

/// Runs `body`, mapping a thrown error to its status and message.
func driverCall(_ what: String, _ err: UnsafeMutablePointer<CChar>?, _ errLength: Int, _ body: () throws -> Void) -> berth_status {
    do {
        try body()
        return BERTH_OK
    } catch {
        return DriverFailure(error, doing: what).report(into: err, capacity: errLength)
    }
}

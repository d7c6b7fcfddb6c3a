import Logging
import Synchronization

/// One request's structured log line. The door serving the request fills in what it learns (operation or route,
/// repository, principal, a 5xx's cause); `BerthResponder` writes the line once, after the answer's body is sent.
final class RequestLog: Sendable {
    /// Which front door served the request.
    enum Door: String, Sendable {
        case ecr, ecrQuery = "ecr-query", oci, download, health, other
    }

    /// What the line says besides the timing.
    struct Fields: Sendable {
        var operation = ""
        var repository: String?
        var principal: String?
        var status = 0
        var bytesIn: Int64 = 0
        var bytesOut: Int64 = 0
        var cause: String?
    }

    /// The log of the request this task serves, for code deep in a door (a failure's cause).
    @TaskLocal static var current: RequestLog?

    let requestID: String
    let door: Door
    private let start = ContinuousClock.now
    private let fields: Mutex<Fields>

    init(requestID: String, door: Door, bytesIn: Int64) {
        self.requestID = requestID
        self.door = door
        self.fields = Mutex(Fields(bytesIn: bytesIn))
    }

    /// Changes some fields.
    func update(_ change: (inout Fields) -> Void) {
        fields.withLock { change(&$0) }
    }

    /// Writes the line: `info` normally, `error` with the cause for a 5xx.
    func emit(to logger: Logger) {
        let fields = fields.withLock { $0 }
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        var metadata: Logger.Metadata = [
            "request_id": "\(requestID)", "door": "\(door.rawValue)", "operation": "\(fields.operation)",
            "status": "\(fields.status)", "bytes_in": "\(fields.bytesIn)", "bytes_out": "\(fields.bytesOut)",
            "duration_ms": "\((milliseconds * 1000).rounded() / 1000)",
        ]
        if let repository = fields.repository { metadata["repository"] = "\(repository)" }
        if let principal = fields.principal { metadata["principal"] = "\(principal)" }
        if fields.status >= 500 {
            metadata["cause"] = "\(fields.cause ?? "unknown")"
            logger.error("request failed", metadata: metadata)
        } else {
            logger.info("request", metadata: metadata)
        }
    }
}

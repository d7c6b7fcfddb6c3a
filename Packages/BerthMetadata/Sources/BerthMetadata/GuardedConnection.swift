import Synchronization

/// A connection and the lock that serializes its use.
final class GuardedConnection: Sendable {
    private let mutex: Mutex<SQLConnection>

    init(_ connection: sending SQLConnection) {
        mutex = Mutex(connection)
    }

    /// Runs `body` with the connection, holding its lock.
    func with<T: Sendable>(_ body: (SQLConnection) throws -> T) throws -> T {
        try mutex.withLock { connection in try body(connection) }
    }
}

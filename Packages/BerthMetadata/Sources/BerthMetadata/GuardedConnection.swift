import Synchronization

/// A connection and the lock that serializes its use.
final class GuardedConnection: Sendable {
    private let mutex: Mutex<SQLiteConnection>

    init(_ connection: sending SQLiteConnection) {
        mutex = Mutex(connection)
    }

    /// Runs `body` with the connection, holding its lock.
    func with<T: Sendable>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        try mutex.withLock { connection in try body(connection) }
    }
}

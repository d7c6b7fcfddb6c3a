import BerthPluginABI
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// One PostgreSQL connection behind the ABI's synchronous calls. The host calls a connection from one thread at a
/// time and never on an event loop, so each call waits for postgres-nio's future on the caller's thread.
///
/// Transactions: a write transaction (`begin(writing: 1)`) takes one transaction-scoped advisory lock, so writers
/// are serialised across every process on the database exactly as SQLite serialises its writers, and each statement
/// inside sees every earlier commit (READ COMMITTED); reads run in REPEATABLE READ READ ONLY snapshots.
final class DriverConnection {
    /// The event loops every connection of this process shares (one thread: the driver only waits on the network).
    static let eventLoops = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    /// The advisory lock key every write transaction holds ("berth" in ASCII).
    static let writerLockKey: Int64 = 0x62_65_72_74_68
    static let logger = Logger(label: "berth.postgres") { _ in SwiftLogNoOpLogHandler() }

    let connection: PostgresConnection
    /// Rows changed by the last statement that completed.
    var changes: Int64 = 0

    init(configuration: DriverConfiguration) throws {
        do {
            connection = try PostgresConnection.connect(
                on: Self.eventLoops.next(), configuration: configuration.connection, id: 1, logger: Self.logger
            ).wait()
        } catch {
            let target = "\(configuration.connection.host ?? "?"):\(configuration.connection.port ?? 5432)"
            throw DriverFailure(BERTH_ERROR, "cannot connect to \(target): \(DriverFailure(error, doing: "connect").message)")
        }
    }

    deinit {
        do { try connection.close().wait() } catch { /* closing a broken connection has nothing left to report */  }
    }

    /// Runs one statement with `binds`; returns every row and records the rows it changed.
    func run(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) throws -> [PostgresRow] {
        let result = try connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: Self.logger).wait()
        changes = Int64(result.metadata.rows ?? 0)
        return result.rows
    }

    /// Runs parameterless statements separated by `;`, in order.
    func execute(_ sql: String) throws {
        for statement in SQLText.statements(sql) { _ = try run(statement) }
    }

    func begin(writing: Bool) throws {
        if writing {
            _ = try run("BEGIN ISOLATION LEVEL READ COMMITTED")
            _ = try run("SELECT pg_advisory_xact_lock(\(Self.writerLockKey))")
        } else {
            _ = try run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        }
    }
}

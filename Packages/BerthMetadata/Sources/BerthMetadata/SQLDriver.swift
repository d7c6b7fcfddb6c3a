/// One database connection as a driver offers it: statements and transactions, nothing of Berth's semantics (those
/// live once, in the SQL the metadata store writes). SQLite is the built-in driver; the plugin ABI's
/// `berth_metadata_driver_v1` is the same shape in C. Not thread-safe: the store serialises use of a connection.
/// Failures throw `MetadataError` (`.conflict` for a retryable lost race, `.backend` otherwise).
public protocol SQLDriverConnection: AnyObject {
    /// The SQL dialect the store must write for this connection (schema and migrations differ; queries do not).
    var dialect: SQLDialect { get }
    /// Runs parameterless statements, several separated by `;` (pragmas, migrations).
    func execute(_ sql: String) throws
    /// Compiles one statement with `?` parameters.
    func prepare(_ sql: String) throws -> any SQLDriverStatement
    /// Rows changed by the last statement that completed.
    func changes() -> Int
    /// Opens a transaction: a read snapshot, or (`writing`) one that takes the write lock at once, so it never fails
    /// half way on a busy lock.
    func begin(writing: Bool) throws
    /// Commits the open transaction.
    func commit() throws
    /// Rolls the open transaction back (no error when none is open).
    func rollback() throws
}

/// The SQL dialects the metadata store writes. Queries are portable SQL with `?` (or `?N`) parameters in both;
/// the schema, its migrations and how readers are set up differ.
public enum SQLDialect: String, Sendable {
    /// SQLite 3.35 or later (`RETURNING`, `ON CONFLICT ... DO UPDATE`).
    case sqlite
    /// PostgreSQL 12 or later; the driver rewrites `?` and `?N` to `$N`.
    case postgresql
}

/// A compiled statement of a `SQLDriverConnection`, reused after `reset()`.
public protocol SQLDriverStatement: AnyObject {
    /// Binds `values` to parameters 1...n.
    func bind(_ values: [SQLValue]) throws
    /// Advances: true when a row is ready, false when the statement is done.
    func step() throws -> Bool
    /// Clears bindings and rewinds.
    func reset()
    /// Whether the current row's `column` is NULL.
    func isNull(_ column: Int32) -> Bool
    /// The column as an integer.
    func integer(_ column: Int32) -> Int64
    /// The column as a floating-point number.
    func real(_ column: Int32) -> Double
    /// The column as UTF-8 text ("" for NULL).
    func text(_ column: Int32) -> String
    /// The column's blob (or text) bytes.
    func bytes(_ column: Int32) -> [UInt8]
}

/// The current row of a stepping statement; valid only inside the closure it is passed to.
struct SQLRow {
    let statement: any SQLDriverStatement

    func isNull(_ column: Int32) -> Bool { statement.isNull(column) }
    func int64(_ column: Int32) -> Int64 { statement.integer(column) }
    func int(_ column: Int32) -> Int { Int(statement.integer(column)) }
    func bool(_ column: Int32) -> Bool { statement.integer(column) != 0 }
    func double(_ column: Int32) -> Double { statement.real(column) }
    func optionalDouble(_ column: Int32) -> Double? { isNull(column) ? nil : double(column) }
    func text(_ column: Int32) -> String { statement.text(column) }
    func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }
    func blob(_ column: Int32) -> [UInt8] { statement.bytes(column) }
}

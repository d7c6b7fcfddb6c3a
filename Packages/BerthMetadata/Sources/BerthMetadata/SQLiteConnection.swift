import CBerthSQLite

/// One SQLite connection with a cache of prepared statements keyed by their SQL text. Not thread-safe:
/// `SQLiteMetadataStore` guards each connection with a lock. Every failure throws `MetadataError.backend`.
final class SQLiteConnection {
    /// How a transaction takes its locks.
    enum TransactionKind {
        /// `BEGIN`: a read snapshot, upgraded on the first write.
        case deferred
        /// `BEGIN IMMEDIATE`: takes the write lock at once (every write transaction), so it never fails half way
        /// with SQLITE_BUSY.
        case immediate
    }

    let path: String
    private let handle: OpaquePointer
    private var statements: [String: SQLiteStatement] = [:]

    /// Opens (creating when missing) the database at `path` (`:memory:` for a private in-memory database), with
    /// WAL, `synchronous=NORMAL`, foreign keys and a busy timeout.
    init(path: String, readOnly: Bool = false, busyTimeoutMilliseconds: Int32 = 5000) throws {
        var pointer: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX
        let status = sqlite3_open_v2(path, &pointer, flags, nil)
        guard status == SQLITE_OK, let pointer else {
            let message = pointer.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(status))
            sqlite3_close_v2(pointer)
            throw MetadataError.backend("sqlite: cannot open \(path): \(message) (code \(status))")
        }
        self.path = path
        self.handle = pointer
        sqlite3_extended_result_codes(pointer, 1)
        sqlite3_busy_timeout(pointer, busyTimeoutMilliseconds)
        if !readOnly {
            try execute("PRAGMA journal_mode=WAL")
        }
        try execute("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON")
    }

    deinit {
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements that take no parameters (pragmas, migrations).
    func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(handle, sql, nil, nil, &message)
        if status != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(status))
            sqlite3_free(message)
            throw MetadataError.backend("sqlite: \(text) (code \(status)) in: \(Self.excerpt(sql))")
        }
    }

    /// Runs a statement that returns no rows; returns how many rows it changed.
    @discardableResult func run(_ sql: String, _ values: [SQLiteValue] = []) throws -> Int {
        try withStatement(sql, values) { statement in
            try step(statement)
            return Int(sqlite3_changes(handle))
        }
    }

    /// Every row of a query, mapped by `map`.
    func rows<T>(_ sql: String, _ values: [SQLiteValue] = [], _ map: (SQLiteRow) throws -> T) throws -> [T] {
        try withStatement(sql, values) { statement in
            var results: [T] = []
            while try step(statement) {
                results.append(try map(SQLiteRow(handle: statement.handle)))
            }
            return results
        }
    }

    /// The first row of a query, mapped by `map`, or nil when there is none.
    func row<T>(_ sql: String, _ values: [SQLiteValue] = [], _ map: (SQLiteRow) throws -> T) throws -> T? {
        try withStatement(sql, values) { statement in
            try step(statement) ? try map(SQLiteRow(handle: statement.handle)) : nil
        }
    }

    /// The rowid of the last row inserted through this connection.
    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(_ kind: TransactionKind, _ body: () throws -> T) throws -> T {
        try run(kind == .immediate ? "BEGIN IMMEDIATE" : "BEGIN")
        do {
            let result = try body()
            try run("COMMIT")
            return result
        } catch {
            if sqlite3_get_autocommit(handle) == 0 {
                _ = try? run("ROLLBACK")
            }
            throw error
        }
    }

    // MARK: Statements

    private func withStatement<T>(_ sql: String, _ values: [SQLiteValue], _ body: (SQLiteStatement) throws -> T) throws -> T {
        let statement = try prepared(sql)
        defer { statement.reset() }
        let status = statement.bind(values)
        guard status == SQLITE_OK else { throw failure(status, sql) }
        return try body(statement)
    }

    private func prepared(_ sql: String) throws -> SQLiteStatement {
        if let statement = statements[sql] { return statement }
        var pointer: OpaquePointer?
        let status = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &pointer, nil)
        guard status == SQLITE_OK, let pointer else { throw failure(status, sql) }
        let statement = SQLiteStatement(handle: pointer, sql: sql)
        statements[sql] = statement
        return statement
    }

    /// Steps once; true when a row is available, false when the statement is done.
    @discardableResult private func step(_ statement: SQLiteStatement) throws -> Bool {
        switch sqlite3_step(statement.handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let status: throw failure(status, statement.sql)
        }
    }

    private func failure(_ status: Int32, _ sql: String) -> MetadataError {
        .backend("sqlite: \(String(cString: sqlite3_errmsg(handle))) (code \(status)) in: \(Self.excerpt(sql))")
    }

    private static func excerpt(_ sql: String) -> String {
        let flat = sql.split(whereSeparator: \.isNewline).map { $0.trimmingPrefix(while: \.isWhitespace) }.joined(separator: " ")
        return flat.count > 120 ? flat.prefix(120) + "…" : flat
    }
}

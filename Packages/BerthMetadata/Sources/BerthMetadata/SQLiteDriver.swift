import CBerthSQLite

/// SQLite's SQLITE_TRANSIENT: the library copies bound text and blobs before the bind call returns.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// The built-in SQL driver: one connection to the system libsqlite3, with WAL, `synchronous=NORMAL`, foreign keys
/// and a busy timeout.
final class SQLiteDriverConnection: SQLDriverConnection {
    let path: String
    let dialect = SQLDialect.sqlite
    private let handle: OpaquePointer

    /// Opens (creating when missing) the database at `path` (`:memory:` for a private in-memory database).
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
        sqlite3_close_v2(handle)
    }

    func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(handle, sql, nil, nil, &message)
        if status != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(status))
            sqlite3_free(message)
            throw MetadataError.backend("sqlite: \(text) (code \(status)) in: \(Self.excerpt(sql))")
        }
    }

    func prepare(_ sql: String) throws -> any SQLDriverStatement {
        var pointer: OpaquePointer?
        let status = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &pointer, nil)
        guard status == SQLITE_OK, let pointer else { throw failure(status, sql) }
        return SQLiteDriverStatement(connection: self, handle: pointer, sql: sql)
    }

    func changes() -> Int { Int(sqlite3_changes(handle)) }

    func begin(writing: Bool) throws { try execute(writing ? "BEGIN IMMEDIATE" : "BEGIN") }

    func commit() throws { try execute("COMMIT") }

    func rollback() throws {
        if sqlite3_get_autocommit(handle) == 0 { try execute("ROLLBACK") }
    }

    func failure(_ status: Int32, _ sql: String) -> MetadataError {
        .backend("sqlite: \(String(cString: sqlite3_errmsg(handle))) (code \(status)) in: \(Self.excerpt(sql))")
    }

    static func excerpt(_ sql: String) -> String {
        let flat = sql.split(whereSeparator: \.isNewline).map { $0.trimmingPrefix(while: \.isWhitespace) }.joined(separator: " ")
        return flat.count > 120 ? flat.prefix(120) + "…" : flat
    }
}

/// A prepared SQLite statement.
final class SQLiteDriverStatement: SQLDriverStatement {
    private unowned let connection: SQLiteDriverConnection
    private let handle: OpaquePointer
    private let sql: String

    init(connection: SQLiteDriverConnection, handle: OpaquePointer, sql: String) {
        self.connection = connection
        self.handle = handle
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    func bind(_ values: [SQLValue]) throws {
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let status: Int32
            switch value {
            case .null: status = sqlite3_bind_null(handle, index)
            case .integer(let number): status = sqlite3_bind_int64(handle, index, number)
            case .real(let number): status = sqlite3_bind_double(handle, index, number)
            case .text(let text): status = sqlite3_bind_text(handle, index, text, -1, transient)
            case .blob(let bytes):
                status = bytes.withUnsafeBytes { buffer in
                    // A zero-length blob still needs a non-NULL pointer, else SQLite stores NULL.
                    sqlite3_bind_blob(handle, index, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(buffer.count), transient)
                }
            }
            if status != SQLITE_OK { throw connection.failure(status, sql) }
        }
    }

    func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let status: throw connection.failure(status, sql)
        }
    }

    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
    func integer(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    func real(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

    func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(handle, column) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(handle, column))), as: UTF8.self)
    }

    func bytes(_ column: Int32) -> [UInt8] {
        // The pointer first, then its length: the order SQLite documents.
        guard let pointer = sqlite3_column_blob(handle, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(handle, column))))
    }
}

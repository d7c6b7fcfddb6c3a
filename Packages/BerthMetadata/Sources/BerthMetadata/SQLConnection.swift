/// A driver connection with a cache of prepared statements keyed by their SQL text, and the helpers the store's
/// SQL is written against (`run`, `rows`, `row`, `transaction`). Not thread-safe: the store guards each connection
/// with a lock. Every failure throws `MetadataError`.
final class SQLConnection {
    /// How a transaction takes its locks.
    enum TransactionKind {
        /// A read snapshot (SQLite: `BEGIN`, upgraded on the first write).
        case deferred
        /// Takes the write lock at once (every write transaction), so it never fails half way on a busy lock.
        case immediate
    }

    let driver: any SQLDriverConnection
    private var statements: [String: any SQLDriverStatement] = [:]

    init(driver: any SQLDriverConnection) {
        self.driver = driver
    }

    deinit {
        statements.removeAll()
    }

    /// Runs one or more statements that take no parameters (pragmas, migrations).
    func execute(_ sql: String) throws {
        try driver.execute(sql)
    }

    /// Runs a statement that returns no rows; returns how many rows it changed.
    @discardableResult func run(_ sql: String, _ values: [SQLValue] = []) throws -> Int {
        try withStatement(sql, values) { statement in
            _ = try statement.step()
            return driver.changes()
        }
    }

    /// Every row of a query, mapped by `map`.
    func rows<T>(_ sql: String, _ values: [SQLValue] = [], _ map: (SQLRow) throws -> T) throws -> [T] {
        try withStatement(sql, values) { statement in
            var results: [T] = []
            while try statement.step() {
                results.append(try map(SQLRow(statement: statement)))
            }
            return results
        }
    }

    /// The first row of a query, mapped by `map`, or nil when there is none.
    func row<T>(_ sql: String, _ values: [SQLValue] = [], _ map: (SQLRow) throws -> T) throws -> T? {
        try withStatement(sql, values) { statement in
            try statement.step() ? try map(SQLRow(statement: statement)) : nil
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(_ kind: TransactionKind, _ body: () throws -> T) throws -> T {
        try driver.begin(writing: kind == .immediate)
        do {
            let result = try body()
            try driver.commit()
            return result
        } catch {
            do { try driver.rollback() } catch { /* the original error is the one to report */  }
            throw error
        }
    }

    private func withStatement<T>(_ sql: String, _ values: [SQLValue], _ body: (any SQLDriverStatement) throws -> T) throws -> T {
        let statement: any SQLDriverStatement
        if let cached = statements[sql] {
            statement = cached
        } else {
            statement = try driver.prepare(sql)
            statements[sql] = statement
        }
        defer { statement.reset() }
        try statement.bind(values)
        return try body(statement)
    }
}

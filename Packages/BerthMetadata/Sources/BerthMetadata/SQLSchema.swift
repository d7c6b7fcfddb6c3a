/// The schema in the connection's dialect: which migrations run and where the version is kept.
enum SQLSchema {
    /// The schema version a fully migrated database has (the same number in every dialect).
    static var latestVersion: Int { SQLiteMigrations.latestVersion }

    /// The database's schema version.
    static func version(of connection: SQLConnection) throws -> Int {
        switch connection.driver.dialect {
        case .sqlite: try SQLiteMigrations.version(of: connection)
        case .postgresql: try PostgreSQLMigrations.version(of: connection)
        }
    }

    /// Applies the migrations the database lacks.
    static func migrate(_ connection: SQLConnection) throws {
        switch connection.driver.dialect {
        case .sqlite: try SQLiteMigrations.migrate(connection)
        case .postgresql: try PostgreSQLMigrations.migrate(connection)
        }
    }

    /// Prepares a connection that only serves reads (SQLite refuses writes on it; PostgreSQL's driver opens read-only
    /// transactions for reads already).
    static func prepareReader(_ connection: SQLConnection) throws {
        if connection.driver.dialect == .sqlite { try connection.execute("PRAGMA query_only=ON") }
    }
}

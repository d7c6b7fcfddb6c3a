import Synchronization

/// The metadata store over SQL: every rule of the metadata semantics, written once as portable SQL, over
/// `SQLDriverConnection`s. The built-in driver is SQLite (the system libsqlite3: WAL, `synchronous=NORMAL`, foreign
/// keys); a plugin's `berth_metadata_driver_v1` may speak SQLite's or PostgreSQL's dialect (see `SQLSchema`). One
/// writer connection behind a lock and a small pool of reader connections, prepared statements cached per
/// connection, and a schema of numbered migrations.
///
/// Every protocol method is one transaction (a write transaction for writes, a read snapshot for reads). Calls
/// block on I/O: run them off the event loops (a thread pool). Other processes may open the same database (SQLite's
/// busy timeout is 5 s; a PostgreSQL driver serialises writers across processes).
public final class SQLMetadataStore: MetadataStore {
    /// The database file (`:memory:` for `inMemory()`).
    public let path: String
    /// The registry this view sees.
    public let registryScope: String
    private let connections: Connections

    /// The connections every view of one database shares.
    private final class Connections: Sendable {
        let writer: GuardedConnection
        let readers: [GuardedConnection]
        let nextReader = Atomic<Int>(0)

        init(writer: GuardedConnection, readers: [GuardedConnection]) {
            self.writer = writer
            self.readers = readers
        }
    }

    /// Opens the database at `path`, creating it when missing and applying any migration it lacks, with four
    /// reader connections.
    /// - Throws: `MetadataError.backend` when the file cannot be opened or migrated (or is from a newer build).
    public convenience init(path: String) throws {
        try self.init(path: path, readerCount: 4)
    }

    /// Opens the database at `path` (see `init(path:)`) with `readerCount` reader connections; with 0, reads share
    /// the writer connection.
    public convenience init(path: String, readerCount: Int) throws {
        let isPrivate = path.isEmpty || path == ":memory:"
        try self.init(name: path, readerCount: isPrivate ? 0 : readerCount) { try SQLiteDriverConnection(path: path) }
    }

    /// Opens the store over connections that `connect` makes: any `SQLDriverConnection` to a database speaking
    /// a dialect `SQLDialect` names (the built-in driver, or a plugin's `berth_metadata_driver_v1`). The first connection writes
    /// and migrates; `readerCount` more serve reads. `name` names the database in messages.
    public init(name: String, readerCount: Int, connect: () throws -> any SQLDriverConnection) throws {
        self.path = name
        self.registryScope = ""
        let connection = SQLConnection(driver: try connect())
        try SQLSchema.migrate(connection)
        let readers = try (0..<max(0, readerCount)).map { _ in
            let reader = SQLConnection(driver: try connect())
            try SQLSchema.prepareReader(reader)
            return GuardedConnection(reader)
        }
        connections = Connections(writer: GuardedConnection(connection), readers: readers)
    }

    private init(path: String, registryScope: String, connections: Connections) {
        self.path = path
        self.registryScope = registryScope
        self.connections = connections
    }

    /// The view of registry `registry` over the same database and connections.
    public func scoped(toRegistry registry: String) -> any MetadataStore {
        SQLMetadataStore(path: path, registryScope: registry, connections: connections)
    }

    /// Moves the repositories of scope `""` into `registry`, except names `registry` already has.
    @discardableResult public func adoptUnscopedRepositories(into registry: String) throws -> Int {
        try write { connection in
            try connection.run(
                "UPDATE repositories SET registry = ? WHERE registry = '' AND name NOT IN (SELECT name FROM repositories WHERE registry = ?)",
                [.text(registry), .text(registry)]
            )
        }
    }

    /// A private in-memory database (one connection), for tests.
    public static func inMemory() throws -> SQLMetadataStore {
        try SQLMetadataStore(path: ":memory:", readerCount: 0)
    }

    /// The schema version of the open database.
    public var schemaVersion: Int {
        get throws { try connections.writer.with { try SQLSchema.version(of: $0) } }
    }

    /// The schema version this build migrates databases to.
    public static var latestSchemaVersion: Int { SQLSchema.latestVersion }

    /// Runs `body` on a reader connection: in a read transaction (one snapshot) when it runs several statements,
    /// bare when it runs one (a single statement is atomic by itself, and skipping BEGIN/COMMIT halves a lookup).
    func read<T: Sendable>(singleStatement: Bool = false, _ body: (SQLConnection) throws -> T) throws -> T {
        let readers = connections.readers
        let guarded =
            readers.isEmpty ? connections.writer : readers[connections.nextReader.wrappingAdd(1, ordering: .relaxed).oldValue % readers.count]
        return try guarded.with { connection in
            singleStatement ? try body(connection) : try connection.transaction(.deferred) { try body(connection) }
        }
    }

    /// Runs `body` in an immediate (write) transaction on the writer connection.
    @discardableResult func write<T: Sendable>(_ body: (SQLConnection) throws -> T) throws -> T {
        try connections.writer.with { connection in try connection.transaction(.immediate) { try body(connection) } }
    }

    /// The condition selecting the rows of the repository named by the first two parameters (registry scope,
    /// name). A scalar subquery, so the planner always starts from the `(repository_id, ...)` indexes.
    static let inRepository = "repository_id = (SELECT id FROM repositories WHERE registry = ? AND name = ?)"

    /// The row id of repository `name` in this registry, or nil.
    func repositoryID(_ connection: SQLConnection, _ name: String) throws -> Int64? {
        try connection.row("SELECT id FROM repositories WHERE registry = ? AND name = ?", [.text(registryScope), .text(name)]) { $0.int64(0) }
    }

    /// The row id of repository `name`. - Throws: `MetadataError.repositoryNotFound`.
    func requireRepositoryID(_ connection: SQLConnection, _ name: String) throws -> Int64 {
        guard let id = try repositoryID(connection, name) else { throw MetadataError.repositoryNotFound(name) }
        return id
    }
}

public import BerthMetadata
import BerthPluginABI

/// A plugin's `berth_metadata_driver_v1` as `SQLDriverConnection`s for the host's one SQL implementation of the
/// metadata semantics (`SQLMetadataStore(name:readerCount:connect:)`).
public struct PluginSQLDriver: @unchecked Sendable {
    let library: PluginLibrary
    let table: berth_metadata_driver_v1
    let configJSON: String

    /// The driver of `library`, opened with `configJSON` (the text of `--metadata-store-config`).
    /// - Throws: `PluginError` when the plugin is not a usable metadata driver.
    public init(library: PluginLibrary, configJSON: String) throws {
        self.library = library
        self.table = try library.metadataDriverTable().pointee
        self.configJSON = configJSON
    }

    /// Opens one connection. - Throws: `PluginError` when the plugin refuses the configuration or speaks a dialect
    /// this host does not write.
    public func connect() throws -> any SQLDriverConnection {
        var handle: UnsafeMutableRawPointer?
        let open = table.open!
        let status = PluginCall.invoke { open(configJSON, &handle, $0, $1) }
        guard status.status == BERTH_OK, let handle else {
            throw PluginError(file: library.path, reason: "cannot open a connection: \(status.message)")
        }
        let name = table.dialect(handle).map { String(cString: $0) } ?? "(none)"
        guard let dialect = SQLDialect(rawValue: name) else {
            table.close(handle)
            throw PluginError(file: library.path, reason: "speaks the \(name) dialect; this berth writes sqlite's and postgresql's")
        }
        return PluginSQLConnection(table: table, handle: handle, plugin: library.name, dialect: dialect)
    }
}

/// One plugin connection.
final class PluginSQLConnection: SQLDriverConnection {
    let table: berth_metadata_driver_v1
    let handle: UnsafeMutableRawPointer
    let plugin: String
    let dialect: SQLDialect

    init(table: berth_metadata_driver_v1, handle: UnsafeMutableRawPointer, plugin: String, dialect: SQLDialect) {
        self.table = table
        self.handle = handle
        self.plugin = plugin
        self.dialect = dialect
    }

    deinit { table.close(handle) }

    /// Runs a call whose success is `BERTH_OK` (or one of `also`), mapping failures to `MetadataError`.
    @discardableResult
    func check(_ what: String, also: Set<berth_status> = [], _ body: (UnsafeMutablePointer<CChar>, Int) -> berth_status) throws -> berth_status {
        let (code, message) = PluginCall.invoke(body)
        if code == BERTH_OK || also.contains(code) { return code }
        let text = "\(plugin) \(what): \(message.isEmpty ? "status \(code)" : message)"
        throw code == BERTH_CONFLICT ? MetadataError.conflict(text) : MetadataError.backend(text)
    }

    func execute(_ sql: String) throws { try check("exec") { table.exec(handle, sql, $0, $1) } }

    func prepare(_ sql: String) throws -> any SQLDriverStatement {
        var statement: UnsafeMutableRawPointer?
        try check("prepare") { table.prepare(handle, sql, &statement, $0, $1) }
        guard let statement else { throw MetadataError.backend("\(plugin) prepare returned no statement") }
        return PluginSQLStatement(connection: self, handle: statement)
    }

    func changes() -> Int { Int(table.changes(handle)) }
    func begin(writing: Bool) throws { try check("begin") { table.begin(handle, writing ? 1 : 0, $0, $1) } }
    func commit() throws { try check("commit") { table.commit(handle, $0, $1) } }
    func rollback() throws { try check("rollback") { table.rollback(handle, $0, $1) } }
}

/// One plugin statement.
final class PluginSQLStatement: SQLDriverStatement {
    let connection: PluginSQLConnection
    let handle: UnsafeMutableRawPointer
    var table: berth_metadata_driver_v1 { connection.table }

    init(connection: PluginSQLConnection, handle: UnsafeMutableRawPointer) {
        self.connection = connection
        self.handle = handle
    }

    deinit { table.finalize(handle) }

    func bind(_ values: [SQLValue]) throws {
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            try connection.check("bind") { err, length in
                switch value {
                case .null: return table.bind_null(handle, index, err, length)
                case .integer(let number): return table.bind_integer(handle, index, number, err, length)
                case .real(let number): return table.bind_real(handle, index, number, err, length)
                case .text(let text):
                    return text.utf8CString.withUnsafeBufferPointer { table.bind_text(handle, index, $0.baseAddress, $0.count - 1, err, length) }
                case .blob(let bytes):
                    return bytes.withUnsafeBytes { table.bind_blob(handle, index, $0.baseAddress, $0.count, err, length) }
                }
            }
        }
    }

    func step() throws -> Bool {
        try connection.check("step", also: [BERTH_ROW, BERTH_DONE]) { table.step(handle, $0, $1) } == BERTH_ROW
    }

    func reset() { table.reset(handle) }
    func isNull(_ column: Int32) -> Bool { table.column_type(handle, column) == BERTH_VALUE_NULL }
    func integer(_ column: Int32) -> Int64 { table.column_integer(handle, column) }
    func real(_ column: Int32) -> Double { table.column_real(handle, column) }
    func text(_ column: Int32) -> String { String(decoding: bytes(column), as: UTF8.self) }

    func bytes(_ column: Int32) -> [UInt8] {
        var length = 0
        guard let pointer = table.column_bytes(handle, column, &length), length > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: length))
    }
}

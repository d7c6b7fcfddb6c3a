import BerthPluginABI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A loaded plugin: the shared library, opened once and never closed (its tables live as long as the process), its
/// entry point checked for the ABI version and table sizes this host understands.
public struct PluginLibrary: @unchecked Sendable {
    /// The file it was loaded from.
    public let path: String
    /// The name the plugin gives itself.
    public let name: String
    let plugin: UnsafePointer<berth_plugin_v1>

    /// Loads the plugin `nameOrPath` (see `PluginLocator`). - Throws: `PluginError` (missing file, not a shared
    /// library, missing entry symbol, wrong ABI version, short table).
    public static func load(_ nameOrPath: String) throws -> PluginLibrary {
        try PluginLibrary(path: PluginLocator.locate(nameOrPath))
    }

    /// Loads the plugin file at `path`.
    public init(path: String) throws {
        self.path = path
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            throw PluginError(file: path, reason: "cannot load: \(dlerror().map { String(cString: $0) } ?? "unknown error")")
        }
        guard let symbol = dlsym(handle, BERTH_PLUGIN_ENTRY_SYMBOL) else {
            throw PluginError(file: path, reason: "no \(BERTH_PLUGIN_ENTRY_SYMBOL) symbol (is it a Berth plugin, built with visibility default?)")
        }
        let entry = unsafeBitCast(symbol, to: berth_plugin_entry_v1_fn.self)
        guard let plugin = entry() else { throw PluginError(file: path, reason: "\(BERTH_PLUGIN_ENTRY_SYMBOL) returned NULL") }
        try Self.checkHeader(
            plugin.pointee.abi_version, plugin.pointee.struct_size, required: MemoryLayout<berth_plugin_v1>.size, what: "plugin", path)
        self.plugin = plugin
        self.name = plugin.pointee.name.map { String(cString: $0) } ?? "(unnamed)"
    }

    /// The plugin's blob store table, checked. - Throws: `PluginError` when it has none or it is unusable.
    func blobStoreTable() throws -> UnsafePointer<berth_blob_store_v1> {
        guard let table = plugin.pointee.blob_store else { throw PluginError(file: path, reason: "plugin \(name) is not a blob store") }
        let required = MemoryLayout<berth_blob_store_v1>.offset(of: \.download_url) ?? MemoryLayout<berth_blob_store_v1>.size
        try Self.checkHeader(table.pointee.abi_version, table.pointee.struct_size, required: required, what: "blob store table", path)
        let t = table.pointee
        let missing = [
            ("open", t.open == nil), ("close", t.close == nil), ("stat", t.stat == nil), ("open_reader", t.open_reader == nil),
            ("read", t.read == nil), ("close_reader", t.close_reader == nil), ("create_upload", t.create_upload == nil),
            ("open_upload", t.open_upload == nil), ("write", t.write == nil), ("flush", t.flush == nil), ("close_writer", t.close_writer == nil),
            ("commit_upload", t.commit_upload == nil), ("cancel_upload", t.cancel_upload == nil), ("delete_blob", t.delete_blob == nil),
            ("list_blobs", t.list_blobs == nil),
        ].filter(\.1).map(\.0)
        guard missing.isEmpty else { throw PluginError(file: path, reason: "blob store table lacks \(missing.joined(separator: ", "))") }
        return table
    }

    /// The plugin's metadata driver table, checked. - Throws: `PluginError` when it has none or it is unusable.
    func metadataDriverTable() throws -> UnsafePointer<berth_metadata_driver_v1> {
        guard let table = plugin.pointee.metadata_driver else { throw PluginError(file: path, reason: "plugin \(name) is not a metadata driver") }
        try Self.checkHeader(
            table.pointee.abi_version, table.pointee.struct_size, required: MemoryLayout<berth_metadata_driver_v1>.size,
            what: "metadata driver table", path)
        let t = table.pointee
        let missing = [
            ("open", t.open == nil), ("close", t.close == nil), ("dialect", t.dialect == nil), ("exec", t.exec == nil), ("begin", t.begin == nil),
            ("commit", t.commit == nil), ("rollback", t.rollback == nil), ("prepare", t.prepare == nil), ("bind_null", t.bind_null == nil),
            ("bind_integer", t.bind_integer == nil), ("bind_real", t.bind_real == nil), ("bind_text", t.bind_text == nil),
            ("bind_blob", t.bind_blob == nil), ("step", t.step == nil), ("reset", t.reset == nil), ("column_type", t.column_type == nil),
            ("column_integer", t.column_integer == nil), ("column_real", t.column_real == nil), ("column_bytes", t.column_bytes == nil),
            ("changes", t.changes == nil), ("finalize", t.finalize == nil),
        ].filter(\.1).map(\.0)
        guard missing.isEmpty else { throw PluginError(file: path, reason: "metadata driver table lacks \(missing.joined(separator: ", "))") }
        return table
    }

    private static func checkHeader(_ version: UInt32, _ size: UInt32, required: Int, what: String, _ path: String) throws {
        guard version == BERTH_PLUGIN_ABI_VERSION else {
            throw PluginError(file: path, reason: "\(what) has ABI version \(version); this berth speaks \(BERTH_PLUGIN_ABI_VERSION)")
        }
        guard Int(size) >= required else {
            throw PluginError(file: path, reason: "\(what) is \(size) bytes, shorter than the \(required) this berth needs")
        }
    }
}

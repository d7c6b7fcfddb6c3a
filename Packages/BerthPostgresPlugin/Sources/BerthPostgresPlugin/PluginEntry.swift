public import BerthPluginABI

#if canImport(Glibc)
    import Glibc
#endif

/// The plugin's one exported symbol: berth-server's plugin host calls it after `dlopen` and checks the versions
/// and sizes of what it returns.
@_cdecl("berth_plugin_entry_v1")
public func berthPluginEntry() -> UnsafePointer<berth_plugin_v1> {
    UnsafePointer(PluginTables.plugin)
}

/// The function tables, built once and never freed (the library is never unloaded).
enum PluginTables {
    nonisolated(unsafe) static let name = UnsafePointer(strdup("postgres")!)
    nonisolated(unsafe) static let dialect = UnsafePointer(strdup("postgresql")!)

    nonisolated(unsafe) static let plugin: UnsafeMutablePointer<berth_plugin_v1> = {
        let driver = UnsafeMutablePointer<berth_metadata_driver_v1>.allocate(capacity: 1)
        driver.initialize(to: metadataDriver)
        let plugin = UnsafeMutablePointer<berth_plugin_v1>.allocate(capacity: 1)
        plugin.initialize(
            to: berth_plugin_v1(
                abi_version: UInt32(BERTH_PLUGIN_ABI_VERSION), struct_size: UInt32(MemoryLayout<berth_plugin_v1>.size), name: name,
                blob_store: nil, metadata_driver: UnsafePointer(driver)))
        return plugin
    }()

    static func connection(_ handle: UnsafeMutableRawPointer?) -> DriverConnection {
        Unmanaged<DriverConnection>.fromOpaque(handle!).takeUnretainedValue()
    }

    static func statement(_ handle: UnsafeMutableRawPointer?) -> DriverStatement {
        Unmanaged<DriverStatement>.fromOpaque(handle!).takeUnretainedValue()
    }

    static func bind(
        _ handle: UnsafeMutableRawPointer?, _ index: Int32, _ value: DriverStatement.Value, _ err: UnsafeMutablePointer<CChar>?, _ length: Int
    ) -> berth_status {
        driverCall("bind", err, length) { try statement(handle).bind(index, value) }
    }

    static func bytes(_ pointer: UnsafeRawPointer?, _ count: Int) -> [UInt8] {
        guard let pointer, count > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    nonisolated(unsafe) static let metadataDriver = berth_metadata_driver_v1(
        abi_version: UInt32(BERTH_PLUGIN_ABI_VERSION),
        struct_size: UInt32(MemoryLayout<berth_metadata_driver_v1>.size),
        open: { config, handle, err, length in
            driverCall("open", err, length) {
                let configuration = try DriverConfiguration(json: config.map { String(cString: $0) } ?? "{}")
                let connection = try DriverConnection(configuration: configuration)
                handle?.pointee = Unmanaged.passRetained(connection).toOpaque()
            }
        },
        close: { handle in
            if let handle { Unmanaged<DriverConnection>.fromOpaque(handle).release() }
        },
        dialect: { _ in PluginTables.dialect },
        exec: { handle, sql, err, length in
            driverCall("exec", err, length) { try connection(handle).execute(String(cString: sql!)) }
        },
        begin: { handle, writing, err, length in
            driverCall("begin", err, length) { try connection(handle).begin(writing: writing != 0) }
        },
        commit: { handle, err, length in
            driverCall("commit", err, length) { _ = try connection(handle).run("COMMIT") }
        },
        rollback: { handle, err, length in
            driverCall("rollback", err, length) { _ = try connection(handle).run("ROLLBACK") }
        },
        prepare: { handle, sql, statementHandle, err, length in
            driverCall("prepare", err, length) {
                let statement = DriverStatement(connection: connection(handle), sql: String(cString: sql!))
                statementHandle?.pointee = Unmanaged.passRetained(statement).toOpaque()
            }
        },
        bind_null: { handle, index, err, length in bind(handle, index, .null, err, length) },
        bind_integer: { handle, index, value, err, length in bind(handle, index, .integer(value), err, length) },
        bind_real: { handle, index, value, err, length in bind(handle, index, .real(value), err, length) },
        bind_text: { handle, index, value, count, err, length in bind(handle, index, .text(bytes(value, count)), err, length) },
        bind_blob: { handle, index, value, count, err, length in bind(handle, index, .blob(bytes(value, count)), err, length) },
        step: { handle, err, length in
            do {
                return try statement(handle).step()
            } catch {
                return DriverFailure(error, doing: "step").report(into: err, capacity: length)
            }
        },
        reset: { handle in statement(handle).reset() },
        column_type: { handle, index in
            switch statement(handle).column(index) {
            case .null: BERTH_VALUE_NULL
            case .integer: BERTH_VALUE_INTEGER
            case .real: BERTH_VALUE_REAL
            case .text: BERTH_VALUE_TEXT
            case .blob: BERTH_VALUE_BLOB
            }
        },
        column_integer: { handle, index in
            switch statement(handle).column(index) {
            case .integer(let value): value
            case .real(let value): Int64(value)
            case .text(let bytes): Int64(String(decoding: bytes, as: UTF8.self)) ?? 0
            default: 0
            }
        },
        column_real: { handle, index in
            switch statement(handle).column(index) {
            case .integer(let value): Double(value)
            case .real(let value): value
            case .text(let bytes): Double(String(decoding: bytes, as: UTF8.self)) ?? 0
            default: 0
            }
        },
        column_bytes: { handle, index, length in statement(handle).bytes(index, length: length) },
        changes: { handle in connection(handle).changes },
        finalize: { handle in
            if let handle { Unmanaged<DriverStatement>.fromOpaque(handle).release() }
        }
    )
}

import BerthPluginABI
import Foundation
import NIOCore
import PostgresNIO

/// One compiled statement: the SQL (parameters rewritten to `$N`) and its binds. The first `step` runs it and
/// keeps its rows; later steps walk them. Column bytes live until the next step, reset or finalize.
final class DriverStatement {
    /// A column value as the ABI types it.
    enum Value {
        case null
        case integer(Int64)
        case real(Double)
        case text([UInt8])
        case blob([UInt8])
    }

    let connection: DriverConnection
    let sql: String
    private var binds: [Int32: Value] = [:]
    private var rows: [PostgresRow]?
    private var position = -1
    private(set) var current: [Value] = []
    /// Copies handed out by `bytes(_:)` for the current row.
    private var handedOut: [UnsafeMutableRawPointer] = []

    init(connection: DriverConnection, sql: String) {
        self.connection = connection
        self.sql = SQLText.rewrite(sql)
    }

    deinit { releaseHandedOut() }

    func bind(_ index: Int32, _ value: Value) throws {
        guard index >= 1 else { throw DriverFailure(BERTH_INVALID, "parameter index \(index) is not 1-based") }
        binds[index] = value
    }

    /// `BERTH_ROW` or `BERTH_DONE`.
    func step() throws -> Int32 {
        releaseHandedOut()
        if rows == nil {
            rows = try connection.run(sql, try bindings())
            position = -1
        }
        position += 1
        guard let rows, position < rows.count else {
            current = []
            return BERTH_DONE
        }
        current = try rows[position].map(Self.value)
        return BERTH_ROW
    }

    func reset() {
        releaseHandedOut()
        binds = [:]
        rows = nil
        position = -1
        current = []
    }

    func column(_ index: Int32) -> Value {
        index >= 0 && Int(index) < current.count ? current[Int(index)] : .null
    }

    /// The bytes of a text or blob column, copied to memory that lives until the next step, reset or finalize.
    func bytes(_ index: Int32, length: UnsafeMutablePointer<Int>?) -> UnsafeRawPointer? {
        let bytes: [UInt8]
        switch column(index) {
        case .text(let value), .blob(let value): bytes = value
        case .integer(let value): bytes = Array(String(value).utf8)
        case .real(let value): bytes = Array(String(value).utf8)
        case .null: bytes = []
        }
        length?.pointee = bytes.count
        let copy = UnsafeMutableRawPointer.allocate(byteCount: max(1, bytes.count), alignment: 1)
        bytes.withUnsafeBytes { copy.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        handedOut.append(copy)
        return UnsafeRawPointer(copy)
    }

    private func releaseHandedOut() {
        for pointer in handedOut { pointer.deallocate() }
        handedOut.removeAll()
    }

    private func bindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: binds.count)
        let count = binds.keys.max() ?? 0
        guard count <= 0 || (1...count).allSatisfy({ binds[$0] != nil }) else {
            throw DriverFailure(BERTH_INVALID, "a parameter below \(count) is unbound in: \(sql.prefix(120))")
        }
        for index in stride(from: 1, through: count, by: 1) {
            switch binds[index]! {
            case .null: bindings.appendNull()
            case .integer(let value): bindings.append(value)
            case .real(let value): bindings.append(value)
            case .text(let value): bindings.append(String(decoding: value, as: UTF8.self))
            case .blob(let value): bindings.append(ByteBuffer(bytes: value))
            }
        }
        return bindings
    }

    /// A cell as the ABI types it: integers (and booleans as 0/1), reals, bytea as blob, everything else as text.
    private static func value(_ cell: PostgresCell) throws -> Value {
        guard var buffer = cell.bytes else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8, .oid: return .integer(try cell.decode(Int64.self))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .float4, .float8: return .real(try cell.decode(Double.self))
        case .numeric:
            let text = try cell.decode(String.self)
            if let integer = Int64(text) { return .integer(integer) }
            return .real(Double(text) ?? 0)
        case .bytea: return .blob(buffer.readBytes(length: buffer.readableBytes) ?? [])
        default:
            if cell.format == .text { return .text(buffer.readBytes(length: buffer.readableBytes) ?? []) }
            return .text(Array(try cell.decode(String.self).utf8))
        }
    }
}

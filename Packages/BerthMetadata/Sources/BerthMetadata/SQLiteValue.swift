/// A value bound to a statement parameter.
enum SQLiteValue {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    /// Text, or NULL for nil.
    static func string(_ value: String?) -> SQLiteValue { value.map { .text($0) } ?? .null }
    /// A floating-point number, or NULL for nil.
    static func double(_ value: Double?) -> SQLiteValue { value.map { .real($0) } ?? .null }
    /// An integer.
    static func int(_ value: Int) -> SQLiteValue { .integer(Int64(value)) }
    /// A 64-bit integer.
    static func int64(_ value: Int64) -> SQLiteValue { .integer(value) }
    /// 1 or 0.
    static func bool(_ value: Bool) -> SQLiteValue { .integer(value ? 1 : 0) }
}

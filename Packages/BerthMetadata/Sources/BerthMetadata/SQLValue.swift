/// A value bound to a statement parameter, in the types every SQL driver speaks.
public enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    /// Text, or NULL for nil.
    static func string(_ value: String?) -> SQLValue { value.map { .text($0) } ?? .null }
    /// A floating-point number, or NULL for nil.
    static func double(_ value: Double?) -> SQLValue { value.map { .real($0) } ?? .null }
    /// An integer.
    static func int(_ value: Int) -> SQLValue { .integer(Int64(value)) }
    /// A 64-bit integer.
    static func int64(_ value: Int64) -> SQLValue { .integer(value) }
    /// 1 or 0.
    static func bool(_ value: Bool) -> SQLValue { .integer(value ? 1 : 0) }
}

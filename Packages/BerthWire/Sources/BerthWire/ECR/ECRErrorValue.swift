/// The value of an extra field of an error body.
public enum ECRErrorValue: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    /// A JSON string (e.g. `uploadId`, `kmsError`).
    case string(String)
    /// A JSON number (e.g. `lastValidByteReceived`); integral values are written without a fraction.
    case number(Double)
    /// A JSON boolean.
    case boolean(Bool)

    /// A string value.
    public init(stringLiteral value: String) {
        self = .string(value)
    }

    /// A number value.
    public init(integerLiteral value: Int64) {
        self = .number(Double(value))
    }

    /// A number value.
    public init(floatLiteral value: Double) {
        self = .number(value)
    }

    var json: ECRJSONValue {
        switch self {
        case .string(let text): .string(text)
        case .number(let number): .double(number)
        case .boolean(let flag): .bool(flag)
        }
    }
}

/// A JSON value as policy validation needs it: objects keep their key order, numbers their literal text.
enum PolicyJSON: Sendable {
    case object([(key: String, value: PolicyJSON)])
    case array([PolicyJSON])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    /// A short name of the value's kind for error messages ("a string", "an array"...).
    var kind: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "a boolean"
        case .null: "null"
        }
    }

    /// Parses one JSON document (RFC 8259) with nothing but whitespace after it.
    /// - Throws: `PolicyDocumentError` naming the byte offset of the problem; duplicate object keys are errors.
    static func parse(_ text: String) throws(PolicyDocumentError) -> PolicyJSON {
        var parser = PolicyJSONParser(bytes: Array(text.utf8))
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.index == parser.bytes.count else { throw parser.failure("unexpected text after the JSON value") }
        return value
    }
}

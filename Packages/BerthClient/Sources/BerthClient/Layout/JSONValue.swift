/// Any JSON value, so a layout's `index.json` is rewritten without losing fields Berth does not know.
public enum JSONValue: Codable, Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Decodes whatever JSON value is there.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = JSONValue.probe(Bool.self, in: container) {
            self = .bool(value)
        } else if let value = JSONValue.probe(Int64.self, in: container) {
            self = .integer(value)
        } else if let value = JSONValue.probe(Double.self, in: container) {
            self = .number(value)
        } else if let value = JSONValue.probe(String.self, in: container) {
            self = .string(value)
        } else if let value = JSONValue.probe([JSONValue].self, in: container) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// The value as `type`, or nil when it is of another JSON type: a mismatch is the answer here, not a failure
    /// (the last case, an object, decodes with its errors reported).
    private static func probe<T: Decodable>(_ type: T.Type, in container: any SingleValueDecodingContainer) -> T? {
        do {
            return try container.decode(type)
        } catch {
            return nil
        }
    }

    /// Encodes the value as it was.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The string, when this is one.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The integer, when this is one.
    public var integerValue: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }

    /// Member `key` of an object.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }
}

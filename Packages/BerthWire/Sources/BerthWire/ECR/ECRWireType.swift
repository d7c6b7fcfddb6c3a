/// The JSON type of an input member, read from the compact notation of `ECRSchema` (used by the query form).
indirect enum ECRWireType: Equatable, Sendable {
    case string, integer, long, boolean, double, timestamp, blob
    case list(ECRWireType)
    case map(ECRWireType)
    case structure(String)

    /// True for every type that is not a list, map or structure.
    var isScalar: Bool {
        switch self {
        case .list, .map, .structure: false
        default: true
        }
    }

    /// The members of input structure `name`, in model order, or `nil` for an unknown name.
    static func members(of name: String) -> [(name: String, type: ECRWireType)]? {
        guard let fields = ECRSchema.structures[name] else { return nil }
        var result: [(name: String, type: ECRWireType)] = []
        for field in fields {
            guard let colon = field.firstIndex(of: ":") else { continue }
            var code = field[field.index(after: colon)...]
            if let type = parse(&code), code.isEmpty {
                result.append((String(field[..<colon]), type))
            }
        }
        return result
    }

    /// Parses one type from the front of `code`, consuming it.
    static func parse(_ code: inout Substring) -> ECRWireType? {
        guard let first = code.popFirst() else { return nil }
        switch first {
        case "s": return .string
        case "i": return .integer
        case "l": return .long
        case "b": return .boolean
        case "d": return .double
        case "t": return .timestamp
        case "x": return .blob
        case "@":
            let name = code.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            code = code.dropFirst(name.count)
            return name.isEmpty ? nil : .structure(String(name))
        case "[", "{":
            guard let element = parse(&code), code.popFirst() == (first == "[" ? "]" : "}") else { return nil }
            return first == "[" ? .list(element) : .map(element)
        default: return nil
        }
    }
}

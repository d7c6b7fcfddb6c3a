import BerthModel

/// A JSON value written by hand (error bodies and the query form), so key order and number spelling are exact.
indirect enum ECRJSONValue: Equatable {
    case string(String)
    /// A number already spelled as JSON (e.g. `42`, `1.5`).
    case number(String)
    case bool(Bool)
    case array([ECRJSONValue])
    case object([(String, ECRJSONValue)])

    static func == (lhs: ECRJSONValue, rhs: ECRJSONValue) -> Bool {
        lhs.rendered() == rhs.rendered()
    }

    /// A number: `42` for integral values within ±2^53, Swift's shortest round-trip spelling otherwise, `null` if not finite.
    static func double(_ number: Double) -> ECRJSONValue {
        guard number.isFinite else { return .number("null") }
        if number == number.rounded(), abs(number) < 9_007_199_254_740_992 {
            return .number(String(Int64(number)))
        }
        return .number(String(number))
    }

    /// The UTF-8 JSON text (written by the one `JSONWriter`).
    func rendered() -> [UInt8] {
        var writer = JSONWriter()
        write(into: &writer)
        return writer.bytes
    }

    private func write(into writer: inout JSONWriter) {
        switch self {
        case .string(let text): writer.string(text)
        case .number(let text): writer.raw(text)
        case .bool(let flag): writer.raw(flag ? "true" : "false")
        case .array(let items):
            writer.raw("[")
            for (index, item) in items.enumerated() {
                if index > 0 { writer.raw(",") }
                item.write(into: &writer)
            }
            writer.raw("]")
        case .object(let fields):
            writer.raw("{")
            for (index, (key, value)) in fields.enumerated() {
                writer.key(key, first: index == 0)
                value.write(into: &writer)
            }
            writer.raw("}")
        }
    }
}

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

    /// The UTF-8 JSON text.
    func rendered() -> [UInt8] {
        var out: [UInt8] = []
        write(into: &out)
        return out
    }

    private func write(into out: inout [UInt8]) {
        switch self {
        case .string(let text): Self.writeString(text, into: &out)
        case .number(let text): out += text.utf8
        case .bool(let flag): out += (flag ? "true" : "false").utf8
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                item.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let fields):
            out.append(UInt8(ascii: "{"))
            for (index, (key, value)) in fields.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                value.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func writeString(_ text: String, into out: inout [UInt8]) {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x00..<0x20:
                out += Array("\\u00".utf8)
                out += [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

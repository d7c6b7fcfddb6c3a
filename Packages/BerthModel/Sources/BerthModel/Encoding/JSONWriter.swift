/// The one hand JSON writer of Berth: a tiny emitter with a fixed key order, so every body built by hand (OCI
/// answers, ECR error envelopes, the query form's JSON) is byte-for-byte deterministic. Codable values go through
/// `JSONCoding` instead.
public struct JSONWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    /// An empty writer.
    public init() {}

    /// Appends `text` verbatim (punctuation such as `{`, `,`, numbers already spelled as JSON).
    public mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Appends `text` as a JSON string literal, escaping quotes, backslashes and control characters.
    public mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0x08: raw("\\b")
            case 0x0C: raw("\\f")
            case 0x00..<0x20:
                raw("\\u00")
                bytes.append(JSONWriter.hexDigit(byte >> 4))
                bytes.append(JSONWriter.hexDigit(byte & 0x0F))
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends `"key":` (with the leading comma when `first` is false).
    public mutating func key(_ key: String, first: Bool = false) {
        if !first { raw(",") }
        string(key)
        raw(":")
    }

    /// Appends a JSON array of strings, in the order given.
    public mutating func stringArray(_ items: [String]) {
        raw("[")
        for (index, item) in items.enumerated() {
            if index > 0 { raw(",") }
            string(item)
        }
        raw("]")
    }

    /// Appends a JSON object of string values with keys in ascending byte order.
    public mutating func stringObject(_ object: [String: String]) {
        raw("{")
        for (index, key) in object.keys.sorted(by: JSONWriter.byteOrder).enumerated() {
            self.key(key, first: index == 0)
            string(object[key] ?? "")
        }
        raw("}")
    }

    /// Byte-wise (ASCIIbetical) order of the UTF-8 encodings, as Go's `sort.Strings` sorts.
    public static func byteOrder(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}

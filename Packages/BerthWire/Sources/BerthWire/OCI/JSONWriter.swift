/// A tiny JSON emitter with a fixed key order, so every OCI response body is byte-for-byte deterministic.
///
/// Only what the OCI bodies need: objects written key by key, strings, integers and string arrays.
struct JSONWriter {
    /// The bytes written so far.
    private(set) var bytes: [UInt8] = []

    /// Appends `text` verbatim (punctuation such as `{`, `,`, `"key":`).
    mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Appends `text` as a JSON string literal, escaping quotes, backslashes and control characters.
    mutating func string(_ text: String) {
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
    mutating func key(_ key: String, first: Bool = false) {
        if !first { raw(",") }
        string(key)
        raw(":")
    }

    /// Appends a JSON array of strings, in the order given.
    mutating func stringArray(_ items: [String]) {
        raw("[")
        for (index, item) in items.enumerated() {
            if index > 0 { raw(",") }
            string(item)
        }
        raw("]")
    }

    /// Appends a JSON object of string values with keys in ascending byte order.
    mutating func stringObject(_ object: [String: String]) {
        raw("{")
        for (index, key) in object.keys.sorted(by: JSONWriter.byteOrder).enumerated() {
            self.key(key, first: index == 0)
            string(object[key] ?? "")
        }
        raw("}")
    }

    /// Byte-wise (ASCIIbetical) order of the UTF-8 encodings, as Go's `sort.Strings` sorts.
    static func byteOrder(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}

/// One 512-byte tar header: the fields `TarIndex` needs.
struct TarHeader {
    /// Values a GNU long-name or PAX header sets for the next member.
    struct Overrides {
        var name: String?
        var size: Int64?

        /// Takes `path` and `size` from PAX records (`<length> <key>=<value>\n`).
        mutating func merge(pax: [UInt8]) {
            var index = 0
            while index < pax.count {
                guard let space = pax[index...].firstIndex(of: UInt8(ascii: " ")),
                    let length = Int(String(decoding: pax[index..<space], as: UTF8.self)), length > 0, index + length <= pax.count
                else { return }
                let record = pax[(space + 1)..<(index + length - 1)]
                if let equals = record.firstIndex(of: UInt8(ascii: "=")) {
                    let key = String(decoding: record[..<equals], as: UTF8.self)
                    let value = String(decoding: record[(equals + 1)...], as: UTF8.self)
                    if key == "path" { name = value }
                    if key == "size" { size = Int64(value) }
                }
                index += length
            }
        }
    }

    var name: String
    var size: Int64
    var type: UInt8
    var linkName: String

    /// Parses `block`; nil when its checksum is wrong (not a tar header).
    init?(block: [UInt8]) {
        guard block.count == 512 else { return nil }
        let stored = TarHeader.number(block[148..<156])
        let sum = block.enumerated().reduce(Int64(0)) { $0 + Int64((148..<156).contains($1.offset) ? 32 : $1.element) }
        guard stored == sum else { return nil }
        let base = TarHeader.text(Array(block[0..<100]))
        let prefix = block[257..<263].starts(with: Array("ustar".utf8)) ? TarHeader.text(Array(block[345..<500])) : ""
        name = prefix.isEmpty ? base : prefix + "/" + base
        size = TarHeader.number(block[124..<136])
        type = block[156]
        linkName = TarHeader.text(Array(block[157..<257]))
    }

    /// NUL-terminated text.
    static func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// An octal field, or GNU base-256 when its first byte has the high bit set.
    static func number(_ field: ArraySlice<UInt8>) -> Int64 {
        guard let first = field.first else { return 0 }
        if first & 0x80 != 0 {
            return field.dropFirst().reduce(Int64(first & 0x7F)) { $0 << 8 | Int64($1) }
        }
        var value: Int64 = 0
        for byte in field.drop(while: { $0 == UInt8(ascii: " ") }) {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "7") else { break }
            value = value * 8 + Int64(byte - UInt8(ascii: "0"))
        }
        return value
    }
}

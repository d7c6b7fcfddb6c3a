/// Percent-decoding for URL paths and query strings (one decoder; they differ only in what `+` means).
enum PercentDecoding {
    /// Decodes `%XX` escapes in `text`; malformed escapes are kept as written. With `plusIsSpace` (query strings,
    /// as botocore sends spaces and BerthAuth reads them) `+` becomes a space; in paths it stays `+`.
    static func decode(_ text: some StringProtocol, plusIsSpace: Bool) -> String {
        let input = Array(text.utf8)
        guard input.contains(UInt8(ascii: "%")) || (plusIsSpace && input.contains(UInt8(ascii: "+"))) else { return String(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == UInt8(ascii: "%"), index + 2 < input.count, let high = hex(input[index + 1]), let low = hex(input[index + 2]) {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(plusIsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

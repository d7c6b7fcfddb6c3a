/// RFC 3986 percent-encoding, the one codec of Berth for it: encoding as SigV4 canonicalizes (only the unreserved
/// characters `A-Z a-z 0-9 - . _ ~` stay literal, every other byte becomes `%XX` in upper-case hex), decoding as URL
/// paths and form-encoded queries arrive (a `%` not followed by two hex digits stays literal).
public enum PercentEncoding {
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// True for the RFC 3986 unreserved characters.
    public static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"): true
        default: false
        }
    }

    /// Encodes `bytes`, leaving `/` literal when `keepingSlash` is set (paths).
    public static func encode(_ bytes: some Sequence<UInt8>, keepingSlash: Bool = false) -> String {
        var output = [UInt8]()
        for byte in bytes {
            if isUnreserved(byte) || (keepingSlash && byte == UInt8(ascii: "/")) {
                output.append(byte)
            } else {
                output.append(contentsOf: [UInt8(ascii: "%"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Encodes the UTF-8 bytes of `text`.
    public static func encode(_ text: some StringProtocol, keepingSlash: Bool = false) -> String {
        encode(text.utf8, keepingSlash: keepingSlash)
    }

    /// Decodes `%XX` escapes into bytes and, with `plusAsSpace` (form-encoded queries), `+` into a space.
    public static func decodeBytes(_ text: some StringProtocol, plusAsSpace: Bool) -> [UInt8] {
        let input = Array(text.utf8)
        var output = [UInt8]()
        output.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == UInt8(ascii: "%"), index + 2 < input.count, let high = hexValue(input[index + 1]), let low = hexValue(input[index + 2]) {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(plusAsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        return output
    }

    /// Decodes into text (invalid UTF-8 is repaired with U+FFFD, never dropped silently into a different name).
    public static func decode(_ text: some StringProtocol, plusAsSpace: Bool) -> String {
        let utf8 = text.utf8
        guard utf8.contains(UInt8(ascii: "%")) || (plusAsSpace && utf8.contains(UInt8(ascii: "+"))) else { return String(text) }
        return String(decoding: decodeBytes(text, plusAsSpace: plusAsSpace), as: UTF8.self)
    }

    /// Decodes into text, or nil when the decoded bytes are not valid UTF-8 (for values that must be exact).
    public static func decodeValidUTF8(_ text: some StringProtocol, plusAsSpace: Bool) -> String? {
        String(validating: decodeBytes(text, plusAsSpace: plusAsSpace), as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

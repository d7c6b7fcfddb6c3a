public import Foundation

/// Base64 (RFC 4648), standard and URL-safe alphabets: the one base64 codec of Berth. The decoder works straight
/// on a byte buffer in one pass into a preallocated `Data`, which is what lets UploadLayerPart decode a 10 MiB part
/// from the request body with a single copy (a 1 GiB upload in 10 MiB parts peaks at ~65 MiB RSS).
public enum Base64 {
    private static let standardAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let urlSafeAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    private static let standardTable = table(standardAlphabet)
    private static let urlSafeTable = table(urlSafeAlphabet)

    private static func table(_ alphabet: [UInt8]) -> [UInt8] {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, character) in alphabet.enumerated() { table[Int(character)] = UInt8(value) }
        return table
    }

    /// The base64 text of `bytes`; URL-safe output is never padded, standard output always is.
    public static func encode(_ bytes: some Collection<UInt8>, urlSafe: Bool = false) -> String {
        let alphabet = urlSafe ? urlSafeAlphabet : standardAlphabet
        let input = Array(bytes)
        var output = [UInt8]()
        output.reserveCapacity((input.count + 2) / 3 * 4)
        var index = 0
        while index < input.count {
            let remaining = input.count - index
            let group =
                UInt32(input[index]) << 16 | (remaining > 1 ? UInt32(input[index + 1]) << 8 : 0) | (remaining > 2 ? UInt32(input[index + 2]) : 0)
            output.append(alphabet[Int(group >> 18 & 0x3F)])
            output.append(alphabet[Int(group >> 12 & 0x3F)])
            if remaining > 1 { output.append(alphabet[Int(group >> 6 & 0x3F)]) }
            if remaining > 2 { output.append(alphabet[Int(group & 0x3F)]) }
            if remaining < 3, !urlSafe { output.append(contentsOf: Array(repeating: UInt8(ascii: "="), count: 3 - remaining)) }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The bytes of base64 `text`, or nil when it is not base64 of the alphabet (padding is required in the
    /// standard alphabet and optional in the URL-safe one; unused trailing bits are ignored, as Foundation does).
    public static func decode(_ text: UnsafeBufferPointer<UInt8>, urlSafe: Bool = false) -> Data? {
        var count = text.count
        if count > 0, text[count - 1] == UInt8(ascii: "=") { count -= 1 }
        if count > 0, text[count - 1] == UInt8(ascii: "=") { count -= 1 }
        let padded = count != text.count
        if padded, text.count % 4 != 0 { return nil }
        if !padded, !urlSafe, count % 4 != 0 { return nil }
        guard count % 4 != 1 else { return nil }
        let table = urlSafe ? urlSafeTable : standardTable
        let length = count / 4 * 3 + max(0, count % 4 - 1)
        var output = Data(count: length)
        let decoded = output.withUnsafeMutableBytes { raw -> Bool in
            let out = raw.bindMemory(to: UInt8.self)
            var written = 0
            var index = 0
            while index + 4 <= count {
                let a = table[Int(text[index])], b = table[Int(text[index + 1])]
                let c = table[Int(text[index + 2])], d = table[Int(text[index + 3])]
                if (a | b | c | d) & 0xC0 != 0 { return false }
                let group = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                out[written] = UInt8(truncatingIfNeeded: group >> 16)
                out[written + 1] = UInt8(truncatingIfNeeded: group >> 8)
                out[written + 2] = UInt8(truncatingIfNeeded: group)
                written += 3
                index += 4
            }
            let rest = count - index
            guard rest > 0 else { return true }
            var group: UInt32 = 0
            for offset in 0..<rest {
                let value = table[Int(text[index + offset])]
                if value & 0xC0 != 0 { return false }
                group |= UInt32(value) << (18 - 6 * UInt32(offset))
            }
            let tail = rest == 2 ? 1 : 2
            out[written] = UInt8(truncatingIfNeeded: group >> 16)
            if tail == 2 { out[written + 1] = UInt8(truncatingIfNeeded: group >> 8) }
            return true
        }
        return decoded ? output : nil
    }

    /// The bytes of base64 `text` (see `decode(_:urlSafe:)` on a buffer).
    public static func decode(_ text: some StringProtocol, urlSafe: Bool = false) -> Data? {
        var utf8 = Array(text.utf8)
        return utf8.withUnsafeMutableBufferPointer { decode(UnsafeBufferPointer($0), urlSafe: urlSafe) }
    }
}

import CBerthOpenSSL

/// Cryptographically secure random bytes from OpenSSL.
public enum SecureRandom {
    /// `count` random bytes.
    public static func bytes(_ count: Int) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: count)
        guard count > 0 else { return output }
        let status = RAND_bytes(&output, Int32(count))
        precondition(status == 1, "RAND_bytes failed")
        return output
    }

    /// A random string of `count` characters from `alphabet` (uniform: rejection sampling).
    public static func string(_ count: Int, alphabet: String = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") -> String {
        let letters = Array(alphabet)
        let limit = 256 - (256 % letters.count)
        var result = ""
        while result.count < count {
            for byte in bytes(count * 2) where Int(byte) < limit && result.count < count {
                result.append(letters[Int(byte) % letters.count])
            }
        }
        return result
    }

    /// A random RFC 4122 version-4 UUID in lower case, as ECR upload ids are.
    public static func uuid() -> String {
        var raw = bytes(16)
        raw[6] = (raw[6] & 0x0F) | 0x40
        raw[8] = (raw[8] & 0x3F) | 0x80
        let hex = Hex.encode(raw)
        let characters = Array(hex)
        let groups = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }
        return groups.joined(separator: "-")
    }
}

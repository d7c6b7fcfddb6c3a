import BerthCrypto

/// Test helper: the hex SHA-256 of a string's UTF-8 bytes.
enum SHA256Hex {
    static func of(_ text: String) -> String {
        SHA256Hasher.hexHash(Array(text.utf8))
    }
}

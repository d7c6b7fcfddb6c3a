import BerthCrypto
import Foundation

/// Test helper: the hex SHA-256 of a string's UTF-8 bytes.
enum SHA256Hex {
    static func of(_ text: String) -> String {
        SHA256Hasher.hexHash(Array(text.utf8))
    }
}

extension String {
    /// The string with the first occurrence of `target` replaced.
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}

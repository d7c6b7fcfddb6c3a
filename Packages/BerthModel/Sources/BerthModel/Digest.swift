/// A content digest `algorithm:encoded`, as OCI and ECR use it (`sha256:<64 lower-case hex>`).
///
/// Parsing is strict for the algorithms Berth can verify (sha256, sha512) and rejects anything else, so a
/// malformed digest never reaches storage.
public struct Digest: Hashable, Sendable, CustomStringConvertible, Comparable {
    /// The algorithm, e.g. `sha256`.
    public let algorithm: String
    /// The lower-case hex encoding of the hash.
    public let encoded: String

    /// Parses `algorithm:hex`; returns nil unless the algorithm is sha256 or sha512 with the right hex length.
    public init?(parsing text: String) {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let algorithm = String(text[..<colon])
        let encoded = String(text[text.index(after: colon)...])
        let expectedLength: Int
        switch algorithm {
        case "sha256": expectedLength = 64
        case "sha512": expectedLength = 128
        default: return nil
        }
        guard encoded.utf8.count == expectedLength, encoded.utf8.allSatisfy(Digest.isLowerHex) else { return nil }
        self.algorithm = algorithm
        self.encoded = encoded
    }

    /// A sha256 digest from its hex encoding (lower-case).
    public init(sha256Hex hex: String) {
        self.algorithm = "sha256"
        self.encoded = hex
    }

    public var description: String { "\(algorithm):\(encoded)" }

    public static func < (lhs: Digest, rhs: Digest) -> Bool { lhs.description < rhs.description }

    private static func isLowerHex(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66)
    }
}

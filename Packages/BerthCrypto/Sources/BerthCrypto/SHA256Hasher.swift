import CBerthOpenSSL

/// Streaming SHA-256 over OpenSSL whose state can be exported and resumed later, possibly in another process:
/// a chunked upload saves it after every chunk so any server can continue the upload.
public struct SHA256Hasher: Sendable {
    private var context = SHA256_CTX()

    /// The size in bytes of an exported state.
    public static let stateSize = MemoryLayout<SHA256_CTX>.size

    /// A hasher with nothing hashed yet.
    public init() {
        SHA256_Init(&context)
    }

    /// Resumes from a state produced by `exportState()`; nil if `state` has the wrong size.
    public init?(state: [UInt8]) {
        guard state.count == SHA256Hasher.stateSize else { return nil }
        withUnsafeMutableBytes(of: &context) { destination in
            destination.copyBytes(from: state)
        }
    }

    /// Feeds bytes into the hash.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        SHA256_Update(&context, base, bytes.count)
    }

    /// Feeds the bytes of an array into the hash.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The opaque bytes of the current state, for `init(state:)`.
    public func exportState() -> [UInt8] {
        withUnsafeBytes(of: context) { Array($0) }
    }

    /// The digest of everything hashed so far; the hasher itself is left as it was.
    public func finalize() -> [UInt8] {
        var copy = context
        var output = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        SHA256_Final(&output, &copy)
        return output
    }

    /// The lower-case hex digest of everything hashed so far.
    public func finalizeHex() -> String {
        Hex.encode(finalize())
    }

    /// The SHA-256 of `bytes` in one call.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var hasher = SHA256Hasher()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The hex SHA-256 of `bytes` in one call.
    public static func hexHash(_ bytes: [UInt8]) -> String {
        Hex.encode(hash(bytes))
    }
}

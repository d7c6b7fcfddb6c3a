import CBerthOpenSSL

/// Streaming SHA-256 over OpenSSL whose state can be exported and resumed later, possibly in another process:
/// a chunked upload saves it after every chunk so any server can continue the upload.
public struct SHA256Hasher: Sendable {
    private var context = SHA256_CTX()

    /// The size in bytes of an exported state: the magic `S256`, the eight chaining words, the bit count (low
    /// and high words), the number of buffered bytes, then the 64-byte block buffer, every word big-endian. The
    /// same on every architecture and OpenSSL build, so a replica on another machine continues an upload.
    public static let stateSize = 4 + 8 * 4 + 4 + 4 + 4 + 64
    private static let magic: [UInt8] = Array("S256".utf8)

    /// A hasher with nothing hashed yet.
    public init() {
        SHA256_Init(&context)
    }

    /// Resumes from a state produced by `exportState()`; nil if `state` is not one.
    public init?(state: [UInt8]) {
        guard state.count == SHA256Hasher.stateSize, Array(state[0..<4]) == SHA256Hasher.magic else { return nil }
        func word(_ index: Int) -> UInt32 {
            let at = 4 + index * 4
            return UInt32(state[at]) << 24 | UInt32(state[at + 1]) << 16 | UInt32(state[at + 2]) << 8 | UInt32(state[at + 3])
        }
        let buffered = word(10)
        guard buffered < 64 else { return nil }
        SHA256_Init(&context)
        withUnsafeMutablePointer(to: &context.h) { pointer in
            pointer.withMemoryRebound(to: UInt32.self, capacity: 8) { words in
                for index in 0..<8 { words[index] = word(index) }
            }
        }
        context.Nl = word(8)
        context.Nh = word(9)
        context.num = buffered
        withUnsafeMutableBytes(of: &context.data) { block in
            block.copyBytes(from: state[(4 + 11 * 4)...])
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

    /// The current state in the portable encoding `init(state:)` reads (see `stateSize`).
    public func exportState() -> [UInt8] {
        var bytes = SHA256Hasher.magic
        bytes.reserveCapacity(SHA256Hasher.stateSize)
        func append(_ value: UInt32) {
            bytes += [
                UInt8(truncatingIfNeeded: value >> 24), UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8),
                UInt8(truncatingIfNeeded: value),
            ]
        }
        var copy = context
        withUnsafePointer(to: &copy.h) { pointer in
            pointer.withMemoryRebound(to: UInt32.self, capacity: 8) { words in
                for index in 0..<8 { append(words[index]) }
            }
        }
        append(context.Nl)
        append(context.Nh)
        append(context.num)
        withUnsafeBytes(of: context.data) { bytes += $0 }
        return bytes
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

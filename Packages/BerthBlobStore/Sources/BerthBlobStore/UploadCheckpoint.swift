import BerthCrypto

/// What an upload session's `state` file holds: the byte offset of the checkpoint and the SHA-256 state of
/// exactly those bytes. Encoded as the magic `BRTHUP01`, the offset as a little-endian UInt64, then the
/// exported hasher state (`SHA256Hasher.stateSize` bytes), so a reader can reject a torn or foreign file.
struct UploadCheckpoint: Equatable {
    static let magic = Array("BRTHUP01".utf8)

    /// How many bytes of the data file the checkpoint covers.
    var offset: Int64
    /// The exported hash state of those bytes.
    var hashState: [UInt8]

    init(offset: Int64, hasher: SHA256Hasher) {
        self.offset = offset
        self.hashState = hasher.exportState()
    }

    /// Decodes a state file; nil when it is not one.
    init?(decoding bytes: [UInt8]) {
        let headerSize = UploadCheckpoint.magic.count + 8
        guard bytes.count == headerSize + SHA256Hasher.stateSize, Array(bytes[..<UploadCheckpoint.magic.count]) == UploadCheckpoint.magic else {
            return nil
        }
        var value: UInt64 = 0
        for index in (UploadCheckpoint.magic.count..<headerSize).reversed() {
            value = value << 8 | UInt64(bytes[index])
        }
        guard value <= UInt64(Int64.max) else { return nil }
        self.offset = Int64(value)
        self.hashState = Array(bytes[headerSize...])
    }

    /// The hasher the checkpoint resumes, or nil when the state does not fit this build's hasher.
    func hasher() -> SHA256Hasher? {
        SHA256Hasher(state: hashState)
    }

    /// The state file's bytes.
    func encoded() -> [UInt8] {
        var bytes = UploadCheckpoint.magic
        var value = UInt64(offset)
        for _ in 0..<8 {
            bytes.append(UInt8(truncatingIfNeeded: value))
            value >>= 8
        }
        return bytes + hashState
    }
}

extension BlobReader {
    /// Reads everything left into one array: for small blobs (configs, tests), never for layers.
    /// - Throws: the reader's errors, or `BlobStoreError.backend` when the reader yields more than `length`.
    public func readAll() throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: Int(length))
        var filled = 0
        while true {
            let count = try bytes.withUnsafeMutableBytes { buffer in
                try read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            }
            if count == 0 { break }
            filled += count
            guard filled < bytes.count else {
                var probe: UInt8 = 0
                if try withUnsafeMutableBytes(of: &probe, { try read(into: $0) }) != 0 {
                    throw BlobStoreError.backend("reader yielded more than its length \(length)")
                }
                break
            }
        }
        return Array(bytes[..<filled])
    }
}

extension BlobUploadWriter {
    /// Writes the bytes of an array (see `write(_:)`).
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }
}

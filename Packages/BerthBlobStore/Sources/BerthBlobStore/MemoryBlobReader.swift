import Synchronization

/// Reads a span of an in-memory blob (the array is shared copy-on-write, never copied whole).
final class MemoryBlobReader: BlobReader {
    let length: Int64
    private let bytes: [UInt8]
    private let end: Int
    private let position: Mutex<Int?>

    init(bytes: [UInt8], span: Range<Int64>) {
        self.bytes = bytes
        self.length = span.upperBound - span.lowerBound
        self.end = Int(span.upperBound)
        self.position = Mutex(Int(span.lowerBound))
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try position.withLock { position in
            guard let start = position else { throw BlobStoreError.backend("read from a closed reader") }
            let count = min(buffer.count, end - start)
            guard count > 0 else { return 0 }
            bytes.withUnsafeBytes { source in
                buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[start..<(start + count)]))
            }
            position = start + count
            return count
        }
    }

    func close() {
        position.withLock { $0 = nil }
    }
}

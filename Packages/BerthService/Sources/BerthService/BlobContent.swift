import BerthBlobStore
public import BerthModel

/// A blob's bytes opened for an answer: its length and sequential reads, which the HTTP door streams. Reads block
/// on storage; the door calls them from its streaming task.
public struct BlobContent: Sendable {
    let reader: any BlobReader

    /// How many bytes the content holds (the requested range's length for a ranged read).
    public var length: Int64 { reader.length }

    /// Fills `buffer` with the next bytes; returns how many were written, 0 at the end.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try reader.read(into: buffer)
    }

    /// The local file and span behind the content, handed over for zero-copy sending (the caller closes the
    /// descriptor); nil when the store is not file-backed.
    public func detachFile() -> LocalFileSpan? {
        reader.detachFile()
    }

    /// Releases the storage handle. Idempotent.
    public func close() {
        reader.close()
    }
}

public import BerthModel

/// A handle reading one blob (or one range of it) front to back. Not shared between tasks at once.
public protocol BlobReader: AnyObject, Sendable {
    /// How many bytes this reader yields in total.
    var length: Int64 { get }
    /// Fills `buffer` with the next bytes; returns how many were written, 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
    /// Releases the handle. Idempotent.
    func close()
    /// Hands the caller the open file and byte span this reader would read, when the blob is a local file (for
    /// zero-copy `sendfile`); the caller then owns the descriptor and the reader is spent. nil when the store is not
    /// file-backed or reading has begun.
    func detachFile() -> LocalFileSpan?
}

extension BlobReader {
    /// Not file-backed: no span to hand over.
    public func detachFile() -> LocalFileSpan? { nil }
}

/// An upload session opened for one request: bytes are written in order from the offset it was opened at. It only
/// stores bytes; the host hashes them. Not shared between tasks at once.
public protocol BlobUploadWriter: AnyObject, Sendable {
    /// Where the next write lands (the session's size once everything written is flushed).
    var offset: Int64 { get }
    /// Writes bytes at `offset`.
    func write(_ bytes: UnsafeRawBufferPointer) throws
    /// Makes everything written so far durable.
    func flush() throws
    /// Releases the handle; the bytes written stay in the session. Idempotent.
    func close()
}

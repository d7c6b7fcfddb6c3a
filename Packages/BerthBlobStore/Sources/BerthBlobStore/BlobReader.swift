/// A handle reading one blob (or one range of it) front to back. Not shared between tasks at once.
public protocol BlobReader: AnyObject, Sendable {
    /// How many bytes this reader yields in total.
    var length: Int64 { get }
    /// Fills `buffer` with the next bytes; returns how many were written, 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
    /// Releases the handle. Idempotent.
    func close()
}

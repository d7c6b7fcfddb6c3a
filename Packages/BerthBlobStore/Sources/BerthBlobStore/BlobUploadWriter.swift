public import BerthModel

/// An open upload session: bytes are appended in order, hashed as they arrive, and committed under their
/// digest. Not shared between tasks at once.
public protocol BlobUploadWriter: AnyObject, Sendable {
    /// The session's id.
    var id: String { get }
    /// How many bytes the session holds (the next append starts here).
    var offset: Int64 { get }
    /// Appends bytes at `offset` and feeds them to the running hash.
    func append(_ bytes: UnsafeRawBufferPointer) throws
    /// Makes the bytes so far and the hash state durable, so `resumeUpload` continues from here.
    func checkpoint() throws
    /// The digest of everything appended so far.
    func currentDigest() -> Digest
    /// Verifies the content against `expected` (when given), moves it into place under its digest and ends
    /// the session. On a mismatch the session is discarded and nothing is stored. When the blob is already
    /// stored, the session simply ends. Any later call on this handle throws `.uploadNotFound`.
    /// - Throws: `BlobStoreError.digestMismatch` (the session is gone afterwards); `.unsupportedDigest` when
    ///   `expected` uses an algorithm the store cannot compute (the session is left as it was);
    ///   `.uploadNotFound` when the session was cancelled meanwhile.
    func commit(expecting expected: Digest?) throws -> BlobInfo
    /// Releases the handle without ending the session (it stays resumable at its last checkpoint).
    func close()
}

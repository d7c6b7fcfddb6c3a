public import BerthModel

/// The failures every blob store reports the same way, whatever its backend.
public enum BlobStoreError: Error, Equatable, Sendable {
    /// No blob with that digest.
    case blobNotFound(Digest)
    /// No upload session with that id.
    case uploadNotFound(String)
    /// The uploaded bytes hash to `computed`, not the expected digest.
    case digestMismatch(expected: Digest, computed: Digest)
    /// The requested range lies outside the blob.
    case invalidRange
    /// The digest's algorithm cannot be verified by this store.
    case unsupportedDigest(Digest)
    /// The backend failed (disk full, permission, network); the text says how.
    case backend(String)
}

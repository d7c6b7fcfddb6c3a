public import BerthModel

/// The failures every blob store reports the same way, whatever its backend.
public enum BlobStoreError: Error, Equatable, Sendable {
    /// No blob with that digest.
    case blobNotFound(Digest)
    /// No upload session with that id.
    case uploadNotFound(String)
    /// The requested range lies outside the blob.
    case invalidRange
    /// The backend failed (disk full, permission, network); the text says how.
    case backend(String)
}

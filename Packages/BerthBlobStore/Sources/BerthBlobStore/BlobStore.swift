public import BerthModel

/// What the store knows about one stored blob.
public struct BlobInfo: Sendable, Equatable {
    /// The blob's content digest.
    public var digest: Digest
    /// Its length in bytes.
    public var size: Int64

    /// The info of a blob of `size` bytes with content digest `digest`.
    public init(digest: Digest, size: Int64) {
        self.digest = digest
        self.size = size
    }
}

/// Answers whether a blob exists and how large it is.
public protocol BlobStatter: Sendable {
    /// The blob's info, or nil when the store does not hold it.
    func stat(_ digest: Digest) throws -> BlobInfo?
}

/// Streams a stored blob's bytes.
public protocol BlobProvider: Sendable {
    /// Opens `digest` for reading, optionally only the half-open byte `range`.
    ///
    /// A range must satisfy `0 <= lowerBound < upperBound <= size` (so an empty range is invalid); nil reads
    /// the whole blob, including an empty one.
    /// - Throws: `BlobStoreError.blobNotFound`, `.invalidRange` when the range is outside the blob.
    func openReader(_ digest: Digest, range: Range<Int64>?) throws -> any BlobReader
}

/// Takes bytes in through resumable upload sessions, hashing as they arrive.
public protocol BlobIngester: Sendable {
    /// Starts a new, empty upload session named `id` (a UUID chosen by the caller). Until its first
    /// checkpoint, the session resumes at offset 0.
    /// - Throws: `BlobStoreError.backend` when `id` is already in use or unusable (stores may restrict ids to
    ///   letters, digits, `-`, `_` and `.`).
    func createUpload(id: String) throws -> any BlobUploadWriter
    /// Reopens an upload session at its last checkpoint (after a restart, or on another replica).
    /// - Throws: `BlobStoreError.uploadNotFound`.
    func resumeUpload(id: String) throws -> any BlobUploadWriter
    /// Discards an upload session and every byte it holds; no error when it does not exist.
    func cancelUpload(id: String) throws
}

/// Removes blobs.
public protocol BlobRemover: Sendable {
    /// Deletes a stored blob; no error when it does not exist.
    func delete(_ digest: Digest) throws
}

/// A complete blob store: the four roles together. Consumers take the narrowest role they need.
public protocol BlobStore: BlobStatter, BlobProvider, BlobIngester, BlobRemover {}

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

/// Keeps the bytes of resumable upload sessions. The host hashes and keeps each session's offset and hash state (in
/// the metadata store); a backend only stores bytes, so any replica can continue any upload.
public protocol BlobIngester: Sendable {
    /// Starts a new, empty upload session named `id` (a UUID chosen by the caller).
    /// - Throws: `BlobStoreError.backend` when `id` is already in use or unusable (stores may restrict ids to
    ///   letters, digits, `-`, `_` and `.`).
    func createUpload(id: String) throws
    /// Opens session `id` for writing from `offset`, the offset the host recorded: bytes the session holds at and
    /// after it (written by a request that failed before its progress was recorded) are discarded.
    /// - Throws: `BlobStoreError.uploadNotFound`; `.backend` when the session holds fewer than `offset` bytes.
    func openUpload(id: String, at offset: Int64) throws -> any BlobUploadWriter
    /// Makes the first `size` bytes of session `id` the blob `digest` and ends the session, atomically: the blob
    /// becomes visible complete or not at all. The host has verified `digest`. When the blob is already stored the
    /// session simply ends.
    /// - Throws: `BlobStoreError.uploadNotFound`; `.backend` when the session holds fewer than `size` bytes.
    @discardableResult func commitUpload(id: String, size: Int64, as digest: Digest) throws -> BlobInfo
    /// Discards an upload session and every byte it holds; no error when it does not exist.
    func cancelUpload(id: String) throws
}

/// Lists stored blobs, for garbage collection.
public protocol BlobEnumerator: Sendable {
    /// Stored blobs sorted by digest (text order), strictly after `after`, at most `limit`.
    func listBlobs(after: Digest?, limit: Int) throws -> [BlobInfo]
}

/// Removes blobs.
public protocol BlobRemover: Sendable {
    /// Deletes a stored blob; no error when it does not exist.
    func delete(_ digest: Digest) throws
}

/// A complete blob store: the five roles together. Consumers take the narrowest role they need.
/// Optional: a store whose blobs clients may fetch directly (an object store's presigned URLs), so the host can
/// answer a blob GET with a redirect and GetDownloadUrlForLayer with the store's URL instead of streaming the bytes.
public protocol BlobURLSigner: Sendable {
    /// A URL that serves the blob `digest` to a plain GET (ranges included) for `seconds`, or nil when the store is not
    /// configured to hand them out.
    func downloadURL(_ digest: Digest, expiresIn seconds: Int64) throws -> String?
}

public protocol BlobStore: BlobStatter, BlobProvider, BlobIngester, BlobRemover, BlobEnumerator {}

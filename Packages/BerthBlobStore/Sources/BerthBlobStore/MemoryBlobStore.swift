public import BerthModel
import Synchronization

/// A blob store in memory with the same semantics as `FileSystemBlobStore`: for tests, and as the reference
/// the conformance suite is written against. Thread-safe (one lock over everything).
public final class MemoryBlobStore: BlobStore {
    struct Contents {
        var blobs: [Digest: [UInt8]] = [:]
        /// upload id → every byte written so far.
        var sessions: [String: [UInt8]] = [:]
    }

    let contents = Mutex(Contents())

    /// An empty store.
    public init() {}

    /// The blob's size, or nil when it is not stored.
    public func stat(_ digest: Digest) throws -> BlobInfo? {
        contents.withLock { contents in
            contents.blobs[digest].map { BlobInfo(digest: digest, size: Int64($0.count)) }
        }
    }

    /// Opens the blob (or a range of it) for reading.
    public func openReader(_ digest: Digest, range: Range<Int64>?) throws -> any BlobReader {
        guard let bytes = contents.withLock({ $0.blobs[digest] }) else { throw BlobStoreError.blobNotFound(digest) }
        let span = try BlobRange.resolve(range, size: Int64(bytes.count))
        return MemoryBlobReader(bytes: bytes, span: span)
    }

    /// Starts an empty upload session.
    public func createUpload(id: String) throws {
        try contents.withLock { contents in
            guard contents.sessions[id] == nil else { throw BlobStoreError.backend("upload \(id) already exists") }
            contents.sessions[id] = []
        }
    }

    /// Opens an upload session for writing at `offset`, dropping bytes after it.
    public func openUpload(id: String, at offset: Int64) throws -> any BlobUploadWriter {
        try contents.withLock { contents in
            guard let session = contents.sessions[id] else { throw BlobStoreError.uploadNotFound(id) }
            guard session.count >= offset else { throw BlobStoreError.backend("upload \(id) holds fewer than \(offset) bytes") }
            contents.sessions[id] = Array(session.prefix(Int(offset)))
        }
        return MemoryUploadWriter(store: self, id: id, offset: offset)
    }

    /// Stores the session's first `size` bytes as `digest` (unless it is there) and ends the session.
    @discardableResult public func commitUpload(id: String, size: Int64, as digest: Digest) throws -> BlobInfo {
        try contents.withLock { contents in
            guard let session = contents.sessions[id] else { throw BlobStoreError.uploadNotFound(id) }
            guard session.count >= size else { throw BlobStoreError.backend("upload \(id) holds fewer than \(size) bytes") }
            contents.sessions[id] = nil
            if contents.blobs[digest] == nil { contents.blobs[digest] = Array(session.prefix(Int(size))) }
        }
        return BlobInfo(digest: digest, size: size)
    }

    /// Stored blobs sorted by digest, strictly after `after`, at most `limit`.
    public func listBlobs(after: Digest?, limit: Int) throws -> [BlobInfo] {
        guard limit > 0 else { return [] }
        let start = after?.description ?? ""
        return contents.withLock { contents in
            contents.blobs.filter { $0.key.description > start }.sorted { $0.key.description < $1.key.description }.prefix(limit)
                .map { BlobInfo(digest: $0.key, size: Int64($0.value.count)) }
        }
    }

    /// Removes an upload session and its bytes.
    public func cancelUpload(id: String) throws {
        _ = contents.withLock { $0.sessions.removeValue(forKey: id) }
    }

    /// Removes a blob; no error when it is not stored.
    public func delete(_ digest: Digest) throws {
        _ = contents.withLock { $0.blobs.removeValue(forKey: digest) }
    }

    /// The ids of the open upload sessions, sorted (for tests).
    public var uploadIDs: [String] {
        contents.withLock { $0.sessions.keys.sorted() }
    }
}

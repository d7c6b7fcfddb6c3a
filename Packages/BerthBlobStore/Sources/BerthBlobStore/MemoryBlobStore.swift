import BerthCrypto
public import BerthModel
import Synchronization

/// A blob store in memory with the same semantics as `FileSystemBlobStore`: for tests, and as the reference
/// the conformance suite is written against. Thread-safe (one lock over everything).
public final class MemoryBlobStore: BlobStore {
    /// An upload session: every byte appended so far, and the last checkpoint.
    struct Session {
        var data: [UInt8] = []
        var checkpointOffset: Int64 = 0
        var checkpointState = SHA256Hasher().exportState()
    }

    struct Contents {
        var blobs: [Digest: [UInt8]] = [:]
        var sessions: [String: Session] = [:]
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
    public func createUpload(id: String) throws -> any BlobUploadWriter {
        try contents.withLock { contents in
            guard contents.sessions[id] == nil else { throw BlobStoreError.backend("upload \(id) already exists") }
            contents.sessions[id] = Session()
        }
        return MemoryUploadWriter(store: self, id: id, offset: 0, hasher: SHA256Hasher())
    }

    /// Reopens an upload session at its last checkpoint, dropping bytes appended after it.
    public func resumeUpload(id: String) throws -> any BlobUploadWriter {
        let checkpoint = try contents.withLock { contents in
            guard var session = contents.sessions[id] else { throw BlobStoreError.uploadNotFound(id) }
            session.data.removeSubrange(Int(session.checkpointOffset)...)
            contents.sessions[id] = session
            return (session.checkpointOffset, session.checkpointState)
        }
        guard let hasher = SHA256Hasher(state: checkpoint.1) else { throw BlobStoreError.backend("upload \(id): bad checkpoint") }
        return MemoryUploadWriter(store: self, id: id, offset: checkpoint.0, hasher: hasher)
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

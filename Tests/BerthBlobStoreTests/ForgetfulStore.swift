import BerthBlobStore
import BerthModel

/// A broken store (it forgets every blob) that the conformance suite must reject.
final class ForgetfulStore: BlobStore {
    private let inner = MemoryBlobStore()

    func stat(_ digest: Digest) throws -> BlobInfo? { nil }
    func openReader(_ digest: Digest, range: Range<Int64>?) throws -> any BlobReader { throw BlobStoreError.blobNotFound(digest) }
    func createUpload(id: String) throws -> any BlobUploadWriter { try inner.createUpload(id: id) }
    func resumeUpload(id: String) throws -> any BlobUploadWriter { try inner.resumeUpload(id: id) }
    func cancelUpload(id: String) throws { try inner.cancelUpload(id: id) }
    func delete(_ digest: Digest) throws {}
}

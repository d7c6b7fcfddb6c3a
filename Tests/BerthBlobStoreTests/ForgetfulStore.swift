import BerthBlobStore
import BerthModel

/// A broken store (it forgets every blob) that the conformance suite must reject.
final class ForgetfulStore: BlobStore {
    private let inner = MemoryBlobStore()

    func stat(_ digest: Digest) throws -> BlobInfo? { nil }
    func openReader(_ digest: Digest, range: Range<Int64>?) throws -> any BlobReader { throw BlobStoreError.blobNotFound(digest) }
    func createUpload(id: String) throws { try inner.createUpload(id: id) }
    func openUpload(id: String, at offset: Int64) throws -> any BlobUploadWriter { try inner.openUpload(id: id, at: offset) }
    func commitUpload(id: String, size: Int64, as digest: Digest) throws -> BlobInfo { try inner.commitUpload(id: id, size: size, as: digest) }
    func listBlobs(after: Digest?, limit: Int) throws -> [BlobInfo] { [] }
    func cancelUpload(id: String) throws { try inner.cancelUpload(id: id) }
    func delete(_ digest: Digest) throws {}
}

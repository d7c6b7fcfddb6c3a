import BerthBlobStore
import BerthMetadata
public import BerthModel

extension Registry {
    /// Opens a blob linked into `repository` for reading (optionally a half-open byte range).
    /// - Throws: `.blobsNotFound` when the repository does not link it or the store lacks it.
    public func openBlob(repository: String, digest: Digest, range: Range<Int64>? = nil) throws -> BlobContent {
        guard try store({ try metadata.layer(repository: repository, digest: digest.description) }) != nil else {
            throw RegistryError.blobsNotFound([digest.description])
        }
        return BlobContent(reader: try store { try blobs.openReader(digest, range: range) })
    }
}

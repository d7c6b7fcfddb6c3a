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

    /// A URL the client may fetch the blob from directly (the store's presigned URL, valid `seconds`), or nil when the
    /// store does not hand them out. - Throws: `.blobsNotFound` when the repository does not link the blob.
    public func directDownloadURL(repository: String, digest: Digest, expiresIn seconds: Int64) throws -> String? {
        guard let signer = blobs as? any BlobURLSigner else { return nil }
        guard try store({ try metadata.layer(repository: repository, digest: digest.description) }) != nil else {
            throw RegistryError.blobsNotFound([digest.description])
        }
        return try store { try signer.downloadURL(digest, expiresIn: seconds) }
    }
}

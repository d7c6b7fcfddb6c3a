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

    /// A URL the client may fetch `layer`'s blob from directly (the store's presigned URL, valid `seconds`), or nil
    /// when the store does not hand them out. `layer` is the link the caller just looked up (`blob(_:in:)`,
    /// `downloadableLayer`), so the repository is known to hold the blob.
    public func directDownloadURL(for layer: LayerRecord, expiresIn seconds: Int64) throws -> String? {
        guard let signer = blobs as? any BlobURLSigner, let digest = Digest(parsing: layer.digest) else { return nil }
        return try store { try signer.downloadURL(digest, expiresIn: seconds) }
    }
}

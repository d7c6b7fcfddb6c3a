import BerthBlobStore
import BerthMetadata
public import BerthModel
public import Foundation

/// ECR's layer API over the one upload lifecycle: parts in order (`UploadLayerPart`), then a commit under the
/// layer's digest (`CompleteLayerUpload`), with ECR's part rules (5 MiB minimum except the last, 10 MiB maximum,
/// 4,200 parts). The /v2 door streams into the same sessions through `BlobUpload`.
extension Registry {
    /// Appends one part to an ECR upload, hashing as it writes, and records the progress.
    /// - Throws: `.uploadNotFound`, `.invalidLayerPart` (not the next range, or its size disagrees with its range),
    ///   `.limitExceeded` (part too large, too many parts).
    public func uploadLayerPart(repository: String, uploadID: String, firstByte: Int64, lastByte: Int64, part: Data) async throws
        -> UploadRecord
    {
        try await uploadLocks.withLock(uploadID) {
            let upload = try self.upload(id: uploadID, repository: repository, kind: .ecr)
            let size = Int64(part.count)
            let invalid = RegistryError.invalidLayerPart(
                repository: repository, uploadID: uploadID, lastValidByte: upload.bytesReceived - 1,
                reason: "The part range \(firstByte)-\(lastByte) with \(size) bytes does not continue the upload")
            guard firstByte == upload.bytesReceived, lastByte >= firstByte, lastByte - firstByte + 1 == size else { throw invalid }
            if size > configuration.maximumPartSize {
                throw RegistryError.limitExceeded("The layer part size \(size) exceeds the maximum of \(configuration.maximumPartSize) bytes")
            }
            if upload.partCount >= configuration.maximumPartCount {
                throw RegistryError.limitExceeded("The upload exceeds the maximum of \(configuration.maximumPartCount) layer parts")
            }
            let blobUpload = try openUpload(id: uploadID, repository: repository, kind: .ecr)
            guard blobUpload.offset == upload.bytesReceived else {
                blobUpload.abandon()
                throw invalid
            }
            do {
                // A whole part (up to 10 MiB) is written on a blocking-I/O thread, not the concurrency pool.
                try await storeBlocking { try part.withUnsafeBytes { try blobUpload.append($0) } }
            } catch {
                blobUpload.abandon()
                throw error
            }
            let minimumPartSize = configuration.minimumPartSize
            try await blobUpload.finish { record in
                if record.partCount > 0, record.lastPartSize < minimumPartSize { record.hasUndersizedPart = true }
                record.lastPartSize = size
            }
            return blobUpload.record
        }
    }

    /// Commits an ECR upload as the layer `digest`. A refused upload (empty stays open; an undersized part, a layer
    /// the repository already has or a digest mismatch) is discarded, so no half layer remains.
    /// - Throws: `.uploadNotFound`, `.invalidLayer`, `.emptyUpload`, `.layerPartTooSmall`, `.layerAlreadyExists`.
    public func completeLayerUpload(repository: String, uploadID: String, digest digestText: String) async throws -> LayerRecord {
        try await uploadLocks.withLock(uploadID) {
            let upload = try self.upload(id: uploadID, repository: repository, kind: .ecr)
            guard let digest = Digest(parsing: digestText) else {
                throw RegistryError.invalidLayer("The layer digest \(digestText) is not a valid sha256 digest")
            }
            if upload.bytesReceived == 0 { throw RegistryError.emptyUpload(uploadID) }
            if upload.hasUndersizedPart {
                discardUpload(uploadID, repository: repository)
                throw RegistryError.layerPartTooSmall(minimum: configuration.minimumPartSize)
            }
            if try findLayer(in: repository, digest: digest) != nil {
                discardUpload(uploadID, repository: repository)
                throw RegistryError.layerAlreadyExists(digest: digest.description, repository: repository)
            }
            do {
                return try await commitUpload(id: uploadID, repository: repository, digest: digest, kind: .ecr)
            } catch RegistryError.digestMismatch(_, let computed) {
                throw RegistryError.invalidLayer("The calculated digest \(computed) does not match the layer digest \(digest)")
            }
        }
    }

    /// The layer `digest` of `repository` if an image references it (ECR serves only those).
    /// - Throws: `.blobsNotFound`, `.layerInaccessible`.
    public func downloadableLayer(repository: String, digest digestText: String) throws -> LayerRecord {
        guard let digest = Digest(parsing: digestText), let layer = try findLayer(in: repository, digest: digest) else {
            throw RegistryError.blobsNotFound([digestText])
        }
        guard try store({ try metadata.isBlobReferenced(repository: repository, digest: digest.description) }) else {
            throw RegistryError.layerInaccessible(digest.description)
        }
        return layer
    }

    /// Drops an upload the request refused; a failure to drop it is logged, never answered.
    private func discardUpload(_ id: String, repository: String) {
        cleanUp("discard refused upload \(id)") { try cancelUpload(id: id, repository: repository, kind: .ecr) }
    }
}

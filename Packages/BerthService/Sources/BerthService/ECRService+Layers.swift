import BerthAuth
import BerthBlobStore
import BerthMetadata
import BerthModel
public import BerthWire
import Foundation

extension ECRService {
    public func initiateLayerUpload(_ input: ECR.InitiateLayerUploadRequest, context: ECRRequestContext) async throws(ECRError)
        -> ECR.InitiateLayerUploadResponse
    {
        try await run {
            try checkRegistry(input.registryId, repository: input.repositoryName)
            let upload = try registry.startUpload(repository: input.repositoryName, kind: .ecr)
            return ECR.InitiateLayerUploadResponse(uploadId: upload.id, partSize: configuration.maximumPartSize)
        }
    }

    public func uploadLayerPart(_ input: ECR.UploadLayerPartRequest, context: ECRRequestContext) async throws(ECRError)
        -> ECR.UploadLayerPartResponse
    {
        try await run {
            _ = try repository(input.repositoryName, registryId: input.registryId)
            return try await registry.uploadLocks.withLock(input.uploadId) {
                var upload = try registry.upload(id: input.uploadId, repository: input.repositoryName, kind: .ecr)
                let size = Int64(input.layerPartBlob.count)
                guard input.partFirstByte == upload.bytesReceived, input.partLastByte >= input.partFirstByte,
                    input.partLastByte - input.partFirstByte + 1 == size
                else {
                    throw invalidPart(input, upload: upload)
                }
                if size > configuration.maximumPartSize {
                    throw ECRError.named(
                        "LimitExceededException", "The layer part size \(size) exceeds the maximum of \(configuration.maximumPartSize) bytes")
                }
                if upload.partCount >= configuration.maximumPartCount {
                    throw ECRError.named("LimitExceededException", "The upload exceeds the maximum of \(configuration.maximumPartCount) layer parts")
                }
                let writer = try registry.store { try registry.blobs.resumeUpload(id: upload.id) }
                defer { writer.close() }
                guard writer.offset == upload.bytesReceived else { throw invalidPart(input, upload: upload) }
                let part = input.layerPartBlob
                try await registry.storeBlocking {
                    try part.withUnsafeBytes { try writer.append($0) }
                    try writer.checkpoint()
                }
                if upload.partCount > 0, upload.lastPartSize < configuration.minimumPartSize { upload.hasUndersizedPart = true }
                upload.partCount += 1
                upload.bytesReceived += size
                upload.lastPartSize = size
                upload.updatedAt = context.now
                try registry.store { try registry.metadata.updateUpload(upload) }
                return ECR.UploadLayerPartResponse(
                    registryId: accountID, repositoryName: input.repositoryName, uploadId: upload.id, lastByteReceived: upload.bytesReceived - 1)
            }
        }
    }

    public func completeLayerUpload(_ input: ECR.CompleteLayerUploadRequest, context: ECRRequestContext) async throws(ECRError)
        -> ECR.CompleteLayerUploadResponse
    {
        try await run {
            _ = try repository(input.repositoryName, registryId: input.registryId)
            return try await registry.uploadLocks.withLock(input.uploadId) {
                let upload = try registry.upload(id: input.uploadId, repository: input.repositoryName, kind: .ecr)
                guard let digestText = input.layerDigests.first, let expected = Digest(parsing: digestText) else {
                    throw ECRError.named("InvalidLayerException", "The layer digest \(input.layerDigests.first ?? "") is not a valid sha256 digest")
                }
                if upload.bytesReceived == 0 {
                    throw ECRError.named("EmptyUploadException", "The upload with id '\(upload.id)' contains no layer parts")
                }
                if upload.hasUndersizedPart {
                    try? registry.cancelUpload(id: upload.id, repository: input.repositoryName, kind: .ecr)
                    throw ECRError.named(
                        "LayerPartTooSmallException",
                        "Layer parts must be at least \(configuration.minimumPartSize) bytes, except the last part")
                }
                if try registry.store({ try registry.metadata.layer(repository: input.repositoryName, digest: expected.description) }) != nil {
                    try? registry.cancelUpload(id: upload.id, repository: input.repositoryName, kind: .ecr)
                    throw ECRError.named(
                        "LayerAlreadyExistsException",
                        "The layer '\(expected)' already exists in the repository with name '\(input.repositoryName)' in the registry with id '\(accountID)'"
                    )
                }
                let layer: LayerRecord
                do {
                    layer = try await registry.commitUpload(id: upload.id, repository: input.repositoryName, digest: expected, kind: .ecr)
                } catch RegistryError.digestMismatch(_, let computed) {
                    throw ECRError.named("InvalidLayerException", "The calculated digest \(computed) does not match the layer digest \(expected)")
                }
                return ECR.CompleteLayerUploadResponse(
                    registryId: accountID, repositoryName: input.repositoryName, uploadId: upload.id, layerDigest: layer.digest)
            }
        }
    }

    public func batchCheckLayerAvailability(_ input: ECR.BatchCheckLayerAvailabilityRequest, context: ECRRequestContext) async throws(ECRError)
        -> ECR.BatchCheckLayerAvailabilityResponse
    {
        try await run {
            _ = try repository(input.repositoryName, registryId: input.registryId)
            var layers: [ECR.Layer] = []
            var failures: [ECR.LayerFailure] = []
            for text in input.layerDigests {
                if text.isEmpty {
                    failures.append(
                        ECR.LayerFailure(layerDigest: text, failureCode: "MissingLayerDigest", failureReason: "The layer digest is missing"))
                    continue
                }
                guard let digest = Digest(parsing: text) else {
                    failures.append(ECR.LayerFailure(layerDigest: text, failureCode: "InvalidLayerDigest", failureReason: "Invalid layer digest"))
                    continue
                }
                if let layer = try registry.store({ try registry.metadata.layer(repository: input.repositoryName, digest: digest.description) }) {
                    layers.append(
                        ECR.Layer(
                            layerDigest: layer.digest, layerAvailability: "AVAILABLE", layerSize: layer.size,
                            mediaType: "application/vnd.docker.image.rootfs.diff.tar.gzip"))
                } else {
                    layers.append(ECR.Layer(layerDigest: digest.description, layerAvailability: "UNAVAILABLE"))
                }
            }
            return ECR.BatchCheckLayerAvailabilityResponse(layers: layers, failures: failures)
        }
    }

    public func getDownloadUrlForLayer(_ input: ECR.GetDownloadUrlForLayerRequest, context: ECRRequestContext) async throws(ECRError)
        -> ECR.GetDownloadUrlForLayerResponse
    {
        try await run {
            _ = try repository(input.repositoryName, registryId: input.registryId)
            guard let digest = Digest(parsing: input.layerDigest),
                try registry.store({ try registry.metadata.layer(repository: input.repositoryName, digest: digest.description) }) != nil
            else {
                throw ECRError.named(
                    "LayersNotFoundException",
                    "The layer with digest '\(input.layerDigest)' does not exist in the repository with name '\(input.repositoryName)' in the registry with id '\(accountID)'"
                )
            }
            guard try registry.store({ try registry.metadata.isBlobReferenced(repository: input.repositoryName, digest: digest.description) }) else {
                throw ECRError.named(
                    "LayerInaccessibleException",
                    "The layer '\(digest)' is not associated with an image; unassociated layers may be cleaned up at any time")
            }
            let path = LayerDownloadPath.make(repository: input.repositoryName, digest: digest.description)
            let query = downloadURLs.signQuery(path: path, expiresAt: context.now + configuration.downloadURLLifetime)
            return ECR.GetDownloadUrlForLayerResponse(downloadUrl: "\(configuration.publicURL)\(path)?\(query)", layerDigest: digest.description)
        }
    }

    private func invalidPart(_ input: ECR.UploadLayerPartRequest, upload: UploadRecord) -> ECRError {
        var error = ECRError.named(
            "InvalidLayerPartException",
            "The part range \(input.partFirstByte)-\(input.partLastByte) with \(input.layerPartBlob.count) bytes does not continue the upload; last valid byte received is \(upload.bytesReceived - 1)"
        )
        error.extraFields = [
            "registryId": .string(accountID), "repositoryName": .string(input.repositoryName), "uploadId": .string(upload.id),
            "lastValidByteReceived": .number(Double(upload.bytesReceived - 1)),
        ]
        return error
    }
}

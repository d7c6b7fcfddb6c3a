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
            let upload = try await registry.uploadLayerPart(
                repository: input.repositoryName, uploadID: input.uploadId, firstByte: input.partFirstByte, lastByte: input.partLastByte,
                part: input.layerPartBlob)
            return ECR.UploadLayerPartResponse(
                registryId: accountID, repositoryName: input.repositoryName, uploadId: upload.id, lastByteReceived: upload.bytesReceived - 1)
        }
    }

    public func completeLayerUpload(_ input: ECR.CompleteLayerUploadRequest, context: ECRRequestContext) async throws(ECRError)
        -> ECR.CompleteLayerUploadResponse
    {
        try await run {
            _ = try repository(input.repositoryName, registryId: input.registryId)
            let layer = try await registry.completeLayerUpload(
                repository: input.repositoryName, uploadID: input.uploadId, digest: input.layerDigests.first ?? "")
            return ECR.CompleteLayerUploadResponse(
                registryId: accountID, repositoryName: input.repositoryName, uploadId: input.uploadId, layerDigest: layer.digest)
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
                if let layer = try registry.availableLayer(in: input.repositoryName, digest: digest) {
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
            let layer = try registry.downloadableLayer(repository: input.repositoryName, digest: input.layerDigest)
            let digest = layer.digest
            if let url = try registry.directDownloadURL(for: layer, expiresIn: Int64(configuration.downloadURLLifetime)) {
                return ECR.GetDownloadUrlForLayerResponse(downloadUrl: url, layerDigest: digest)
            }
            let path = LayerDownloadPath.make(region: configuration.region, repository: input.repositoryName, digest: digest)
            let query = downloadURLs.signQuery(path: path, expiresAt: context.now + configuration.downloadURLLifetime)
            return ECR.GetDownloadUrlForLayerResponse(downloadUrl: "\(configuration.publicURL)\(path)?\(query)", layerDigest: digest)
        }
    }
}

import BerthMetadata
import BerthModel
public import BerthWire

extension ECRService {
    public func putImage(_ input: ECR.PutImageRequest, context: ECRRequestContext) async throws(ECRError) -> ECR.PutImageResponse {
        try await run {
            try checkRegistry(input.registryId, repository: input.repositoryName)
            if let tag = input.imageTag, !ImageTag.isValidECR(tag) {
                throw ECRError.invalidParameter(
                    "Invalid parameter at 'imageTag' failed to satisfy constraint: 'must satisfy regular expression '[a-zA-Z0-9-_.]+''")
            }
            if let digest = input.imageDigest, Digest(parsing: digest) == nil {
                throw ECRError.invalidParameter(
                    "Invalid parameter at 'imageDigest' failed to satisfy constraint: 'must satisfy regular expression '[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+''"
                )
            }
            let stored = try registry.putManifest(
                repository: input.repositoryName, bytes: Array(input.imageManifest.utf8), declaredMediaType: input.imageManifestMediaType,
                tag: input.imageTag, expectedDigest: input.imageDigest, requireMediaType: true)
            if stored.outcome == .alreadyExists, !stored.restored {
                let tagText = input.imageTag.map { " and tag '\($0)'" } ?? ""
                throw ECRError.named(
                    "ImageAlreadyExistsException",
                    "Image with digest '\(stored.digest)'\(tagText) already exists in the repository with name '\(input.repositoryName)' in the registry with id '\(accountID)'"
                )
            }
            let image = ECR.Image(
                registryId: accountID, repositoryName: input.repositoryName,
                imageId: ECR.ImageIdentifier(imageDigest: stored.digest, imageTag: input.imageTag),
                imageManifest: input.imageManifest, imageManifestMediaType: stored.mediaType)
            return ECR.PutImageResponse(image: image)
        }
    }

    public func batchGetImage(_ input: ECR.BatchGetImageRequest, context: ECRRequestContext) async throws(ECRError)
        -> ECR.BatchGetImageResponse
    {
        try await run {
            _ = try repository(input.repositoryName, registryId: input.registryId)
            var images: [ECR.Image] = []
            var failures: [ECR.ImageFailure] = []
            var seen = Set<String>()
            for id in input.imageIds {
                let found: ImageRecord?
                switch ImageReference.classify(id) {
                case .failure(let failure):
                    failures.append(failure)
                    continue
                case .reference(.digest(let digest)):
                    found = try registry.findImage(in: input.repositoryName, digest: digest)
                case .reference(.tag(let tag)):
                    found = try registry.findImage(in: input.repositoryName, tag: tag)
                case .reference(.both(let digest, let tag)):
                    let image = try registry.findImage(in: input.repositoryName, tag: tag)
                    if let image, image.digest != digest {
                        failures.append(ImageReference.failure(id, "ImageTagDoesNotMatchDigest", "Invalid image tag and digest combination"))
                        continue
                    }
                    found = image
                }
                guard let image = found else {
                    failures.append(ImageReference.failure(id, "ImageNotFound", "Requested image not found"))
                    continue
                }
                guard image.status == .active else {
                    failures.append(ImageReference.failure(id, "ImageNotFound", "Requested image is archived; restore it to pull it"))
                    continue
                }
                if let accepted = input.acceptedMediaTypes, !accepted.isEmpty, !accepted.contains(image.mediaType) {
                    failures.append(
                        ImageReference.failure(id, "ImageNotFound", "Requested image not found in any of the accepted media types \(accepted)"))
                    continue
                }
                guard seen.insert("\(image.digest)|\(id.imageTag ?? "")").inserted else { continue }
                registry.recordPull(of: image, by: context.principalARN)
                images.append(
                    ECR.Image(
                        registryId: accountID, repositoryName: input.repositoryName,
                        imageId: ECR.ImageIdentifier(imageDigest: image.digest, imageTag: id.imageTag),
                        imageManifest: String(decoding: image.manifest, as: UTF8.self), imageManifestMediaType: image.mediaType))
            }
            return ECR.BatchGetImageResponse(images: images, failures: failures)
        }
    }

    public func batchDeleteImage(_ input: ECR.BatchDeleteImageRequest, context: ECRRequestContext) async throws(ECRError)
        -> ECR.BatchDeleteImageResponse
    {
        try await run {
            _ = try repository(input.repositoryName, registryId: input.registryId)
            var deleted: [ECR.ImageIdentifier] = []
            var failures: [ECR.ImageFailure] = []
            for id in input.imageIds {
                switch ImageReference.classify(id) {
                case .failure(let failure):
                    failures.append(failure)
                case .reference(let reference):
                    let (ids, failure) = try deleteImage(reference, id: id, repository: input.repositoryName)
                    deleted.append(contentsOf: ids)
                    if let failure { failures.append(failure) }
                }
            }
            return ECR.BatchDeleteImageResponse(imageIds: deleted, failures: failures)
        }
    }

    /// One BatchDeleteImage entry: the core deletes, this renders ECR's identifiers and failure codes.
    private func deleteImage(_ reference: ImageReference, id: ECR.ImageIdentifier, repository: String) throws -> (
        [ECR.ImageIdentifier], ECR.ImageFailure?
    ) {
        switch try registry.deleteImage(in: repository, digest: reference.digest, tag: reference.tag) {
        case .deleted(let digest, let tags):
            if tags.isEmpty { return ([ECR.ImageIdentifier(imageDigest: digest)], nil) }
            return (tags.map { ECR.ImageIdentifier(imageDigest: digest, imageTag: $0) }, nil)
        case .notFound:
            return ([], ImageReference.failure(id, "ImageNotFound", "Requested image not found"))
        case .tagDoesNotMatchDigest:
            return ([], ImageReference.failure(id, "ImageTagDoesNotMatchDigest", "Invalid image tag and digest combination"))
        case .referencedByIndexes(let parents):
            return ([], ImageReference.failure(id, "ImageReferencedByManifestList", "Requested image is referenced by manifest lists: \(parents)"))
        }
    }
}
